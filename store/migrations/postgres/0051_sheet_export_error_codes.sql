-- PostgreSQL version of store/migrations/0051_sheet_export_error_codes.sql: byte-wise text
-- (COLLATE "C"), as every text column of 0049.
ALTER TABLE sheet_exports ADD COLUMN error_code TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE sheet_exports SET error_code = 'could_not_make' WHERE state = 'failed';
