-- The FHIR Bulk Data export over HTTP (issue 20, service/bulk_exports.hpp): a centre's
-- export asked for by its admin, run in the background, and its NDJSON files, each part of
-- at most a fixed number of resources, kept here so that any server sharing the database
-- answers the status and the downloads, and nothing of a request names a file on disk.
-- An export and its files are removed when its admin deletes it or a day after it began.
-- The same SQL on SQLite and PostgreSQL but for collation and row security:
-- store/migrations/postgres/0048_bulk_exports.sql.
CREATE TABLE bulk_exports (
  id TEXT PRIMARY KEY,               -- random, 128 bits in hex: the status and files' URLs
  centre_id TEXT NOT NULL REFERENCES centres(id),
  requested_by TEXT NOT NULL,
  request TEXT NOT NULL,             -- the kick-off as asked, for the manifest
  types TEXT NOT NULL,               -- the _type asked ('' for every type)
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  transaction_time TEXT NOT NULL,
  progress TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,          -- the runner's last sign of life
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bulk_exports_of_centre ON bulk_exports (centre_id, state);

CREATE TABLE bulk_export_files (
  export_id TEXT NOT NULL REFERENCES bulk_exports(id),
  n INTEGER NOT NULL,                -- 1, 2, ... in the manifest's order
  type TEXT NOT NULL,
  resources INTEGER NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (export_id, n)
);
