-- PostgreSQL version of store/migrations/0046_fhir_links.sql: BIGINT ids, byte-wise text
-- (COLLATE "C"), and row security by centre (as 0017): a centre reaches only the links of
-- its own records.
CREATE TABLE fhir_links (
  source TEXT COLLATE "C" NOT NULL,
  resource TEXT COLLATE "C" NOT NULL,
  centre_id TEXT COLLATE "C" NOT NULL REFERENCES centres(id),
  record_kind TEXT COLLATE "C" NOT NULL,
  record_id BIGINT NOT NULL,
  imported_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (source, resource)
);
CREATE INDEX fhir_links_by_record ON fhir_links (record_kind, record_id);

ALTER TABLE fhir_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE fhir_links FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON fhir_links USING (regenpath_sees_centre(centre_id));
