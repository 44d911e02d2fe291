-- PostgreSQL version of store/migrations/0049_sheet_exports.sql: byte-wise text
-- (COLLATE "C"), the parts as bytea, and row security by centre (as 0017): a centre
-- reaches only its own exports and, through them, their files and parts; an export of
-- every centre ('') only a scope of every centre (an analyst's).
CREATE TABLE sheet_exports (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('records', 'deidentified')),
  centre_id TEXT COLLATE "C" NOT NULL,
  protocol_id TEXT COLLATE "C" NOT NULL DEFAULT '',
  requested_by TEXT COLLATE "C" NOT NULL,
  format TEXT COLLATE "C" NOT NULL CHECK (format IN ('csv', 'xlsx')),
  layout TEXT COLLATE "C" NOT NULL CHECK (layout IN ('long', 'wide')),
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  progress TEXT COLLATE "C" NOT NULL DEFAULT '',
  error TEXT COLLATE "C" NOT NULL DEFAULT '',
  summary TEXT COLLATE "C" NOT NULL DEFAULT '{}',
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX sheet_exports_of_user ON sheet_exports (requested_by, created_at);

CREATE TABLE sheet_export_files (
  export_id TEXT COLLATE "C" NOT NULL REFERENCES sheet_exports(id),
  n INTEGER NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  bytes BIGINT NOT NULL,
  parts INTEGER NOT NULL,
  PRIMARY KEY (export_id, n)
);

CREATE TABLE sheet_export_parts (
  export_id TEXT COLLATE "C" NOT NULL REFERENCES sheet_exports(id),
  n INTEGER NOT NULL,
  part INTEGER NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (export_id, n, part)
);

ALTER TABLE sheet_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE sheet_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON sheet_exports USING (regenpath_sees_centre(centre_id) OR (centre_id = '' AND regenpath_every_centre()));
ALTER TABLE sheet_export_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE sheet_export_files FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON sheet_export_files
  USING (EXISTS (SELECT 1 FROM sheet_exports e WHERE e.id = export_id AND (regenpath_sees_centre(e.centre_id) OR (e.centre_id = '' AND regenpath_every_centre()))));
ALTER TABLE sheet_export_parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE sheet_export_parts FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON sheet_export_parts
  USING (EXISTS (SELECT 1 FROM sheet_exports e WHERE e.id = export_id AND (regenpath_sees_centre(e.centre_id) OR (e.centre_id = '' AND regenpath_every_centre()))));
