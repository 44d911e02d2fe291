-- The cell product (issue 17): what a harvest gives, named by its ISBT 128 Donation
-- Identification Number, from the lab's receipt to the injection, and its chain of
-- custody. domain/product/ holds the states and rules; this holds the rows.
-- PostgreSQL: store/migrations/postgres/0021_products.sql (identity ids, COLLATE "C",
-- row security by centre).
--
-- din: the 13 characters; check_char its ISO/IEC 7064 MOD 37-2 check character.
-- state: received | processing | qc_pending | awaiting_release | released | quarantined |
--   used | discarded | expired. migrated: 1 for a product built below from an episode
--   already past harvest. Instants are UTC ISO 8601 text; empty values are NULL.
-- QC results: not_done | pending | passed | failed, each with the date a pending one is due.
-- exception_criteria: the failed criteria a surgeon's release exception covered, comma-separated.
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  din TEXT NOT NULL UNIQUE CHECK (length(din) = 13),
  check_char TEXT NOT NULL CHECK (length(check_char) = 1),
  product_code TEXT NOT NULL,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  source TEXT CHECK (source IN ('bone_marrow', 'adipose')),
  state TEXT NOT NULL CHECK (state IN ('received', 'processing', 'qc_pending', 'awaiting_release', 'released',
    'quarantined', 'used', 'discarded', 'expired')),
  migrated INTEGER NOT NULL DEFAULT 0,
  harvest_side TEXT CHECK (harvest_side IN ('left', 'right')),
  harvest_volume_ml REAL,
  anaesthesia TEXT,
  harvest_started_at TEXT,
  harvest_ended_at TEXT,
  harvested_by TEXT,
  received_at TEXT,
  received_by TEXT,
  receipt_temperature_c REAL,
  method TEXT CHECK (method IN ('density_gradient', 'centrifugation', 'enzymatic_svf', 'culture_expansion')),
  passages INTEGER,
  processed_at TEXT,
  processed_by TEXT,
  total_nucleated_cells REAL,
  viability_percent REAL,
  cfu_f REAL,
  isct_markers_met INTEGER,
  sterility TEXT NOT NULL DEFAULT 'not_done',
  sterility_due TEXT,
  endotoxin TEXT NOT NULL DEFAULT 'not_done',
  endotoxin_due TEXT,
  mycoplasma TEXT NOT NULL DEFAULT 'not_done',
  mycoplasma_due TEXT,
  expires_at TEXT,
  released_at TEXT,
  released_by TEXT,
  exception_by TEXT,
  exception_reason TEXT,
  exception_criteria TEXT,
  used_at TEXT,
  used_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX products_by_centre_state ON products(centre_id, state);
CREATE INDEX products_by_episode ON products(episode_id);
CREATE INDEX products_by_patient ON products(patient_id);

-- The chain of custody: every scan and step, in order. kind: harvest, receipt, processing,
-- qc, release, quarantine, discard, expiry, return, bedside_check, injection, migrated.
-- verified: what was scanned and checked (the DIN, the wristband's record number) and
-- the verdict; location: where it happened (theatre, lab, a room).
CREATE TABLE product_events (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  location TEXT NOT NULL,
  kind TEXT NOT NULL,
  verified TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX product_events_by_product ON product_events(product_id, id);

-- Episodes already past harvest get one product each, marked migrated, with what the
-- episode knows. No facility code is configured when this runs, so the DIN takes the
-- placeholder facility RPMIG: ICCBBA's facility numbers are a letter and four digits, so
-- a lettered one can never be a real facility's. Year: the harvest's (else the episode's
-- creation; 00 when neither gives one); sequence: the episode's place among those of that year. The lab's own record
-- of these products is on paper: the state follows the episode's.
INSERT INTO products (din, check_char, product_code, episode_id, patient_id, centre_id, source, state, migrated,
  harvest_side, used_at, used_by, created_at, updated_at)
WITH past AS (
  SELECT e.*, CASE WHEN substr(COALESCE(e.harvest_date, e.created_at), 3, 2) GLOB '[0-9][0-9]'
    THEN substr(COALESCE(e.harvest_date, e.created_at), 3, 2) ELSE '00' END AS yy FROM episodes e
  WHERE e.harvest_date IS NOT NULL
     OR e.state IN ('harvested', 'product_released', 'injected', 'follow_up', 'completed', 'converted_to_thr')),
numbered AS (
  SELECT past.*, 'RPMIG' || yy || printf('%06d', ROW_NUMBER() OVER (PARTITION BY yy ORDER BY id)) AS din FROM past),
summed AS (
  SELECT numbered.*, ((instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 1, 1)) - 1) * 8192
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 2, 1)) - 1) * 4096
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 3, 1)) - 1) * 2048
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 4, 1)) - 1) * 1024
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 5, 1)) - 1) * 512
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 6, 1)) - 1) * 256
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 7, 1)) - 1) * 128
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 8, 1)) - 1) * 64
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 9, 1)) - 1) * 32
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 10, 1)) - 1) * 16
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 11, 1)) - 1) * 8
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 12, 1)) - 1) * 4
    + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(din, 13, 1)) - 1) * 2
  ) % 37 AS s FROM numbered),
mapped AS (
  SELECT summed.*, CASE state WHEN 'harvested' THEN 'processing' WHEN 'product_released' THEN 'released'
    WHEN 'withdrawn' THEN 'discarded' WHEN 'lost_to_follow_up' THEN 'discarded' WHEN 'ineligible' THEN 'discarded'
    ELSE 'used' END AS product_state FROM summed)
SELECT din, substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*', (38 - s) % 37 + 1, 1), '', id, patient_id, centre_id,
  cell_source, product_state, 1, side,
  CASE product_state WHEN 'used' THEN injection_date END, CASE product_state WHEN 'used' THEN injected_by END,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM mapped ORDER BY id;

INSERT INTO product_events (product_id, at, actor, role, location, kind, verified, detail)
SELECT id, created_at, 'system', 'system', '', 'migrated', '', 'built from episode ' || episode_id || ' by migration 0021'
FROM products WHERE migrated = 1 ORDER BY id;
