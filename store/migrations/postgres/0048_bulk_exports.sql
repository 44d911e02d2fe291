-- PostgreSQL version of store/migrations/0048_bulk_exports.sql: byte-wise text
-- (COLLATE "C"), and row security by centre (as 0017): a centre reaches only its own
-- exports and, through them, their files.
CREATE TABLE bulk_exports (
  id TEXT COLLATE "C" PRIMARY KEY,
  centre_id TEXT COLLATE "C" NOT NULL REFERENCES centres(id),
  requested_by TEXT COLLATE "C" NOT NULL,
  request TEXT COLLATE "C" NOT NULL,
  types TEXT COLLATE "C" NOT NULL,
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  transaction_time TEXT COLLATE "C" NOT NULL,
  progress TEXT COLLATE "C" NOT NULL DEFAULT '',
  error TEXT COLLATE "C" NOT NULL DEFAULT '',
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX bulk_exports_of_centre ON bulk_exports (centre_id, state);

CREATE TABLE bulk_export_files (
  export_id TEXT COLLATE "C" NOT NULL REFERENCES bulk_exports(id),
  n INTEGER NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  resources BIGINT NOT NULL,
  content TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (export_id, n)
);

ALTER TABLE bulk_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE bulk_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON bulk_exports USING (regenpath_sees_centre(centre_id));
ALTER TABLE bulk_export_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE bulk_export_files FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON bulk_export_files
  USING (EXISTS (SELECT 1 FROM bulk_exports b WHERE b.id = export_id AND regenpath_sees_centre(b.centre_id)));
