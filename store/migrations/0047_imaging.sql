-- Imaging through a PACS (issue 20, domain/imaging.hpp): which of the archive's patients
-- a patient is, chosen by staff the first time (never matched by name), and the
-- radiographic grades read on a study. The same SQL on SQLite and PostgreSQL but for ids,
-- collation and row security: store/migrations/postgres/0047_imaging.sql.
CREATE TABLE imaging_links (
  patient_id INTEGER PRIMARY KEY REFERENCES patients(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  dicom_patient_id TEXT NOT NULL,  -- the archive's Patient ID (DICOM 0010,0020)
  linked_by TEXT NOT NULL,
  linked_at TEXT NOT NULL
);

-- One grading of one study for one episode's hip; a second reading of the same study
-- rewrites the row and the audit log keeps the one before. The joint space is kept in
-- tenths of a millimetre, as it is read (3.5 mm is 35).
CREATE TABLE radiographic_grades (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  study_uid TEXT NOT NULL,
  study_date TEXT NOT NULL,
  kl_grade INTEGER CHECK (kl_grade BETWEEN 0 AND 4),
  tonnis_grade INTEGER CHECK (tonnis_grade BETWEEN 0 AND 3),
  joint_space_tenths_mm INTEGER CHECK (joint_space_tenths_mm BETWEEN 0 AND 150),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (episode_id, study_uid)
);
