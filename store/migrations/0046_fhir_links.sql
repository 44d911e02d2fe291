-- What a FHIR import took in (issue 20, service/records_import.hpp): each resource read
-- from another system's files, by the system it came from (its meta.source, '' when it
-- names none) and its Type/id, and the record it became, so that the same files read twice
-- change nothing. centre_id: the centre whose record it became. The same SQL on SQLite and
-- PostgreSQL but for ids, collation and row security: store/migrations/postgres/0046_fhir_links.sql.
CREATE TABLE fhir_links (
  source TEXT NOT NULL,
  resource TEXT NOT NULL,        -- Patient/abc, Condition/17, ...
  centre_id TEXT NOT NULL REFERENCES centres(id),
  record_kind TEXT NOT NULL,     -- patient | episode | response | adverse_event | item
  record_id INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (source, resource)
);
CREATE INDEX fhir_links_by_record ON fhir_links (record_kind, record_id);
