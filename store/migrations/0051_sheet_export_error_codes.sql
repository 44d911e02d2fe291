-- Why a spreadsheet export failed, as a code the screens put in the reader's language
-- (service/sheet_exports.hpp: server_stopped, could_not_make; runner_silent is how a read
-- shows a runner silent too long, never stored); the error column keeps the English
-- detail for the API's readers. Exports that failed before this migration
-- name no cause but their English text: could_not_make, the general one.
-- PostgreSQL: store/migrations/postgres/0051_sheet_export_error_codes.sql.
ALTER TABLE sheet_exports ADD COLUMN error_code TEXT NOT NULL DEFAULT '';
UPDATE sheet_exports SET error_code = 'could_not_make' WHERE state = 'failed';
