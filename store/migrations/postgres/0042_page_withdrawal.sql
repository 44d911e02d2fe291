-- PostgreSQL version of store/migrations/0042_page_withdrawal.sql: byte-wise text
-- (COLLATE "C"); the pages' row security (0037) covers the new columns.
ALTER TABLE education_pages ADD COLUMN withdrawn_by TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE education_pages ADD COLUMN withdrawn_at TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE education_pages ADD COLUMN withdrawn_reason TEXT COLLATE "C" NOT NULL DEFAULT '';
