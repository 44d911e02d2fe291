-- A centre's informed-consent documents (issue 21, domain/consent/document.hpp): one row
-- per version of a document of one protocol and one consent (treatment, registry,
-- contact), in both languages. A published version is never changed again (what a patient
-- signed); the latest version, while unpublished, is a draft saved over in place. content:
-- the sections and the comprehension questions as JSON (store/consent_columns.hpp). The
-- same SQL on SQLite and PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0043_consent_documents.sql.
CREATE TABLE consent_documents (
  id INTEGER PRIMARY KEY,
  centre_id TEXT NOT NULL REFERENCES centres(id),
  protocol TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('treatment', 'registry', 'contact')),
  version INTEGER NOT NULL CHECK (version >= 1),
  title_en TEXT NOT NULL,
  title_fa TEXT NOT NULL,
  content TEXT NOT NULL,
  written_by TEXT NOT NULL,
  written_at TEXT NOT NULL,
  published_by TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL DEFAULT '',
  UNIQUE (centre_id, protocol, kind, version)
);
