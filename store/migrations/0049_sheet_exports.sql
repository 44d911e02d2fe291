-- Spreadsheet exports over HTTP (issue 20, service/sheet_exports.hpp): a centre's records
-- (identified, its admin) or the registry's de-identified tables (an analyst, or a centre's
-- admin for their centre) as CSV files or one XLSX workbook, made in the background and
-- kept here in parts of at most a mebibyte, so that a download is streamed part by part,
-- any server sharing the database answers, and nothing of a request names a file on disk.
-- An export is its asker's; removed when they delete it or a day after it began.
-- The same SQL on SQLite and PostgreSQL but for types, collation and row security:
-- store/migrations/postgres/0049_sheet_exports.sql.
CREATE TABLE sheet_exports (
  id TEXT PRIMARY KEY,               -- random, 128 bits in hex: the status and files' URLs
  kind TEXT NOT NULL CHECK (kind IN ('records', 'deidentified')),
  centre_id TEXT NOT NULL,           -- '' for every centre (an analyst's de-identified export)
  protocol_id TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  layout TEXT NOT NULL CHECK (layout IN ('long', 'wide')),
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  progress TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '{}', -- once done: patients, episodes, rows per table (JSON)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,          -- the runner's last sign of life
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sheet_exports_of_user ON sheet_exports (requested_by, created_at);

CREATE TABLE sheet_export_files (
  export_id TEXT NOT NULL REFERENCES sheet_exports(id),
  n INTEGER NOT NULL,                -- 1, 2, ... in the listing's order
  name TEXT NOT NULL,                -- patients.csv, data-dictionary.csv, records.xlsx, ...
  bytes INTEGER NOT NULL,
  parts INTEGER NOT NULL,
  PRIMARY KEY (export_id, n)
);

CREATE TABLE sheet_export_parts (
  export_id TEXT NOT NULL REFERENCES sheet_exports(id),
  n INTEGER NOT NULL,
  part INTEGER NOT NULL,             -- 0, 1, ... in the file's order
  content BLOB NOT NULL,
  PRIMARY KEY (export_id, n, part)
);
