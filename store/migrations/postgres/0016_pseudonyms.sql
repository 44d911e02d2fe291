-- PostgreSQL version of store/migrations/0016_pseudonyms.sql: ids as BIGINT, text compared
-- and ordered byte-wise (COLLATE "C"), as SQLite compares it.
-- The de-identified export's pseudonyms: a random name for each patient and episode the
-- export has written (never the database id), and each patient's random date shift, kept
-- so that every export names the same patient and episode alike and moves the patient's
-- dates by the same number of days (service/deidentified_export.cpp).
CREATE TABLE pseudonyms (
  kind TEXT COLLATE "C" NOT NULL,            -- patient | episode
  record_id BIGINT NOT NULL,                 -- patients.id or episodes.id
  pseudonym TEXT COLLATE "C" NOT NULL UNIQUE,
  shift_days INTEGER NOT NULL,               -- patients: days added to each of their dates; episodes: 0
  PRIMARY KEY (kind, record_id)
);
