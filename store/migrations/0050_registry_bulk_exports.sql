-- The registry's de-identified FHIR Bulk Data export (issue 20, GET /fhir/r4/Group/registry/$export):
-- an export is now of a centre's records (kind 'centre', identified, its admin's) or of the
-- registry's de-identified records (kind 'registry', the analyst's or a centre admin's own
-- centre's, seen by whoever asked for it alone), and a registry export of every centre
-- names none (centre_id NULL). SQLite cannot loosen a NOT NULL in place: both tables are
-- made anew and their rows copied, the files' reference following the renamed table.
-- PostgreSQL: store/migrations/postgres/0050_registry_bulk_exports.sql.
CREATE TABLE bulk_exports_0050 (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'centre' CHECK (kind IN ('centre', 'registry')),
  centre_id TEXT REFERENCES centres(id),
  requested_by TEXT NOT NULL,
  request TEXT NOT NULL,
  types TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  transaction_time TEXT NOT NULL,
  progress TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '',
  CHECK (kind = 'registry' OR centre_id IS NOT NULL)
);
INSERT INTO bulk_exports_0050 (id, kind, centre_id, requested_by, request, types, state, transaction_time,
                               progress, error, created_at, updated_at, finished_at)
  SELECT id, 'centre', centre_id, requested_by, request, types, state, transaction_time, progress, error,
         created_at, updated_at, finished_at FROM bulk_exports;

CREATE TABLE bulk_export_files_0050 (
  export_id TEXT NOT NULL REFERENCES bulk_exports_0050(id),
  n INTEGER NOT NULL,
  type TEXT NOT NULL,
  resources INTEGER NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (export_id, n)
);
INSERT INTO bulk_export_files_0050 SELECT export_id, n, type, resources, content FROM bulk_export_files;

DROP TABLE bulk_export_files;
DROP TABLE bulk_exports;
ALTER TABLE bulk_exports_0050 RENAME TO bulk_exports;
ALTER TABLE bulk_export_files_0050 RENAME TO bulk_export_files;
CREATE INDEX bulk_exports_of_centre ON bulk_exports (centre_id, state);
CREATE INDEX bulk_exports_of_asker ON bulk_exports (requested_by, kind, state);
