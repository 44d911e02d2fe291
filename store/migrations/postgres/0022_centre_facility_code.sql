-- PostgreSQL version of store/migrations/0022_centre_facility_code.sql: the centre's ISBT
-- 128 facility identification number, compared byte-wise (COLLATE "C") as SQLite does.
ALTER TABLE centres ADD COLUMN facility_code TEXT COLLATE "C" NOT NULL DEFAULT ''
  CHECK (facility_code = '' OR length(facility_code) = 5);
