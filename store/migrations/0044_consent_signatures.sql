-- Signed consents (issue 21, domain/consent/signing.hpp): one row per signature of a
-- published consent document's version by a patient, for one episode (a treatment
-- consent) or for the patient (the registry, contact). shown: the document as the patient
-- read it that day, figures filled in (JSON, store/consent_columns.hpp); pdf: the signed
-- copy as a PDF, in base64 (the same text column on both engines), and its SHA-256 in
-- hex, which the audit row of the signing (and of the countersigning, which draws the
-- witness onto it) also carries, so the copy is verified against the audit chain. A row is
-- never deleted: a withdrawn consent keeps when and why. The same SQL on SQLite and
-- PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0044_consent_signatures.sql.
CREATE TABLE consent_signatures (
  id INTEGER PRIMARY KEY,
  centre_id TEXT NOT NULL REFERENCES centres(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  episode_id INTEGER REFERENCES episodes(id),
  document_id INTEGER NOT NULL REFERENCES consent_documents(id),
  protocol TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('treatment', 'registry', 'contact')),
  version INTEGER NOT NULL CHECK (version >= 1),
  language TEXT NOT NULL CHECK (language IN ('en', 'fa')),
  signed_name TEXT NOT NULL,
  strokes TEXT NOT NULL,
  answers TEXT NOT NULL,
  shown TEXT NOT NULL,
  pdf TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  witness_by TEXT NOT NULL DEFAULT '',
  witness_role TEXT NOT NULL DEFAULT '',
  witnessed_at TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT NOT NULL DEFAULT '',
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawal_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consent_signatures_by_patient ON consent_signatures (patient_id, kind);
