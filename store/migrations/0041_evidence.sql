-- The published evidence kept beside the claims (issue 21, domain/evidence/evidence.hpp):
-- one row per entry, network-wide as the protocols and their claims are (literature, not a
-- centre's records), its version counted up at each change; withdrawn, never deleted.
-- Every change is in the audit trail. claims: the claim ids, separated by spaces. The same
-- SQL on SQLite and PostgreSQL but for collation: store/migrations/postgres/0041_evidence.sql.
CREATE TABLE evidence_entries (
  id TEXT PRIMARY KEY,
  protocol TEXT NOT NULL,
  claims TEXT NOT NULL,
  citation TEXT NOT NULL,
  year INTEGER NOT NULL,
  design TEXT NOT NULL CHECK (design IN ('randomised_trial', 'systematic_review', 'cohort', 'case_series',
                                         'guideline', 'regulator')),
  n INTEGER CHECK (n IS NULL OR n >= 1),
  stance TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts', 'inconclusive')),
  finding_en TEXT NOT NULL,
  finding_fa TEXT NOT NULL,
  link TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  written_by TEXT NOT NULL,
  written_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawn_reason TEXT NOT NULL DEFAULT ''
);
