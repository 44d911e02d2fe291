-- Scores as typed rows, one per score of a response, so that SQL reads a score without
-- parsing JSON (the outcome report read json_extract(scores_json, ...) before): a number
-- (a whole number, or yes/no as 1/0) in `value`, a text (a date) in `text`, neither when
-- the instrument's rule gave no score. scores_json stays the record the audit log hashes;
-- these rows are written with it (store/response_scores.hpp). WITHOUT ROWID keeps a
-- response's scores together in key order, which is the order the outcome read joins in.
-- This file is SQLite's: it backfills with json_each; the PostgreSQL side has its own 0014.
CREATE TABLE response_scores (
  response_id INTEGER NOT NULL REFERENCES questionnaire_responses(id),
  name TEXT NOT NULL,
  value REAL,
  text TEXT,
  PRIMARY KEY (response_id, name)
) WITHOUT ROWID;
INSERT INTO response_scores (response_id, name, value, text)
  SELECT r.id, s.key,
         CASE WHEN s.type IN ('integer', 'real', 'true', 'false') THEN s.value END,
         CASE WHEN s.type = 'text' THEN s.value END
  FROM questionnaire_responses r, json_each(r.scores_json, '$.scores') s;
