-- PostgreSQL version of store/migrations/0008_audit_evidence.sql: ids as BIGINT identity columns, text
-- compared and ordered byte-wise (COLLATE "C"), as SQLite compares it.
-- What an audit row vouches for (store/record_content.hpp, store/audit_chain.hpp).
-- content: the records the row's transaction wrote, each with the hash of its content
--   after the write: "v1 episode:7=<hex> patient:3=<hex>"; '' for reads.
-- shown: the patients a list read showed (a search, the worklist), as ids "3,5,9"; ''
--   otherwise. Ids only: the audit log never holds names or national ids.
-- Rows written before this migration have neither, and hash as they always did.
ALTER TABLE audit_log ADD COLUMN content TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN shown TEXT COLLATE "C" NOT NULL DEFAULT '';

-- The first id of each kind of record created after this migration. Records from here on
-- are written with an audit row carrying their content, so `audit verify` reports one
-- without as unaudited; older ones it counts as not checkable until their next write.
CREATE TABLE audit_content_start (
  kind TEXT COLLATE "C" PRIMARY KEY,
  first_id BIGINT NOT NULL
);
INSERT INTO audit_content_start (kind, first_id) SELECT 'patient', COALESCE(MAX(id), 0) + 1 FROM patients;
INSERT INTO audit_content_start (kind, first_id) SELECT 'episode', COALESCE(MAX(id), 0) + 1 FROM episodes;
INSERT INTO audit_content_start (kind, first_id) SELECT 'adverse_event', COALESCE(MAX(id), 0) + 1 FROM adverse_events;
INSERT INTO audit_content_start (kind, first_id)
  SELECT 'questionnaire_response', COALESCE(MAX(id), 0) + 1 FROM questionnaire_responses;
