-- Core pathway schema: centres, patients, episodes with their transitions, schedule
-- items and eligibility assessments, and the hash-chained audit log.
-- Portable SQL: runs on SQLite and PostgreSQL alike (dates as ISO text, instants as
-- ISO-8601 UTC text, booleans as 0/1 integers).

CREATE TABLE centres (
  id TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_fa TEXT NOT NULL,
  city_en TEXT NOT NULL,
  city_fa TEXT NOT NULL,
  licence_status TEXT NOT NULL CHECK (licence_status IN ('licensed', 'pending', 'suspended', 'unknown')),
  licence_number TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT ''
);

CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  centre_id TEXT NOT NULL REFERENCES centres(id),
  mrn TEXT NOT NULL,
  name_fa TEXT NOT NULL,
  name_latin TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  birth_date TEXT NOT NULL,
  mobile TEXT NOT NULL,
  national_id TEXT NOT NULL,
  consent_treatment INTEGER NOT NULL,
  consent_registry INTEGER NOT NULL,
  consent_contact INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (centre_id, mrn)
);
CREATE INDEX patients_by_national_id ON patients(national_id);
CREATE INDEX patients_by_mobile ON patients(mobile);

CREATE TABLE episodes (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  protocol_id TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('left', 'right')),
  diagnosis_system TEXT NOT NULL,
  diagnosis_code TEXT NOT NULL,
  kl_grade INTEGER CHECK (kl_grade BETWEEN 0 AND 4),
  tonnis_grade INTEGER CHECK (tonnis_grade BETWEEN 0 AND 3),
  cell_source TEXT CHECK (cell_source IN ('bone_marrow', 'adipose')),
  guidance TEXT CHECK (guidance IN ('ultrasound', 'fluoroscopy')),
  state TEXT NOT NULL,
  bilateral_with INTEGER REFERENCES episodes(id),
  repeat_of INTEGER REFERENCES episodes(id),
  harvest_date TEXT,
  injection_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX episodes_by_patient ON episodes(patient_id);
CREATE INDEX episodes_by_centre_state ON episodes(centre_id, state);

CREATE TABLE episode_transitions (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at TEXT NOT NULL,
  on_date TEXT NOT NULL
);
CREATE INDEX transitions_by_episode ON episode_transitions(episode_id);

CREATE TABLE schedule_items (
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  item_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  anchor TEXT NOT NULL,
  offset_text TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'done', 'missed', 'cancelled')),
  done_on TEXT,
  PRIMARY KEY (episode_id, item_id)
);
CREATE INDEX schedule_by_window ON schedule_items(window_start, window_end);

CREATE TABLE eligibility_assessments (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  findings_json TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('eligible', 'ineligible', 'needs_review')),
  reasons_json TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX eligibility_by_episode ON eligibility_assessments(episode_id);

-- Append-only. hash = BLAKE2b-256 over the previous row's hash and this row's fields,
-- so that changing or deleting any row breaks every hash after it.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  centre_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
