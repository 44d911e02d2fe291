-- Price lists per centre (issue 19): what each step of the treatment costs at a centre
-- for the Jalali years a list is valid (domain/cost/price_list.hpp). Editing a list writes
-- its next version and marks the one before superseded; every version stays, so an
-- estimate can name the version it used. Amounts are integer rials. The same SQL on
-- SQLite and PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0034_price_lists.sql.
CREATE TABLE price_lists (
  id INTEGER PRIMARY KEY,
  series_id INTEGER NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  from_year INTEGER NOT NULL CHECK (from_year BETWEEN 1390 AND 1499),
  to_year INTEGER NOT NULL CHECK (to_year BETWEEN from_year AND 1499),
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  superseded_at TEXT,
  UNIQUE (series_id, version)
);
CREATE INDEX price_lists_of_centre ON price_lists(centre_id, from_year);
CREATE TABLE price_list_lines (
  price_list_id INTEGER NOT NULL REFERENCES price_lists(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),  -- the list's: PostgreSQL's row security reads it
  item TEXT NOT NULL CHECK (item IN ('consultation', 'tests', 'harvest_bone_marrow', 'harvest_adipose', 'processing',
                                     'processing_expansion', 'injection_ultrasound', 'injection_fluoroscopy')),
  amount_rials INTEGER NOT NULL CHECK (amount_rials > 0 AND amount_rials <= 1000000000000000),
  PRIMARY KEY (price_list_id, item)
);
