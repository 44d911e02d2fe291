-- The de-identified export's pseudonyms: a random name for each patient and episode the
-- export has written (never the database id), and each patient's random date shift, kept
-- so that every export names the same patient and episode alike and moves the patient's
-- dates by the same number of days (service/deidentified_export.cpp). An analyst joins two
-- exports on these; nothing maps them back but this table, which never leaves the clinic.
CREATE TABLE pseudonyms (
  kind TEXT NOT NULL,            -- patient | episode
  record_id INTEGER NOT NULL,    -- patients.id or episodes.id
  pseudonym TEXT NOT NULL UNIQUE,
  shift_days INTEGER NOT NULL,   -- patients: days added to each of their dates; episodes: 0
  PRIMARY KEY (kind, record_id)
);
