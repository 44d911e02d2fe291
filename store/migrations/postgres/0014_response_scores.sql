-- The scores of each questionnaire response as typed rows, one per score, so that the
-- outcome report reads numbers rather than JSON text. No backfill: rows are written with
-- new responses. (The SQLite/portable 0014 of the same name is the shared file; this is
-- its PostgreSQL form until then, and stays the override after.)
CREATE TABLE response_scores (
  response_id BIGINT NOT NULL REFERENCES questionnaire_responses(id),
  name TEXT COLLATE "C" NOT NULL,
  value DOUBLE PRECISION,
  text TEXT COLLATE "C",
  PRIMARY KEY (response_id, name)
);
