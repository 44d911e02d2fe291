-- PostgreSQL version of store/migrations/0041_evidence.sql: byte-wise text (COLLATE "C").
-- No row security: the entries are literature shared by every centre, as the protocols are.
CREATE TABLE evidence_entries (
  id TEXT COLLATE "C" PRIMARY KEY,
  protocol TEXT COLLATE "C" NOT NULL,
  claims TEXT COLLATE "C" NOT NULL,
  citation TEXT COLLATE "C" NOT NULL,
  year INTEGER NOT NULL,
  design TEXT COLLATE "C" NOT NULL CHECK (design IN ('randomised_trial', 'systematic_review', 'cohort',
                                                     'case_series', 'guideline', 'regulator')),
  n INTEGER CHECK (n IS NULL OR n >= 1),
  stance TEXT COLLATE "C" NOT NULL CHECK (stance IN ('supports', 'contradicts', 'inconclusive')),
  finding_en TEXT COLLATE "C" NOT NULL,
  finding_fa TEXT COLLATE "C" NOT NULL,
  link TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  written_by TEXT COLLATE "C" NOT NULL,
  written_at TEXT COLLATE "C" NOT NULL,
  withdrawn_at TEXT COLLATE "C",
  withdrawn_by TEXT COLLATE "C" NOT NULL DEFAULT '',
  withdrawn_reason TEXT COLLATE "C" NOT NULL DEFAULT ''
);
