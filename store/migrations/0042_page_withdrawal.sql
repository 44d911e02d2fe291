-- A published education page taken down by the centre's admin (issue 19,
-- domain/education/page.hpp): who, when and why, on the version the public read. The
-- public then reads no version of the page until one is published again. Empty: standing.
-- The same SQL on SQLite and PostgreSQL but for collation:
-- store/migrations/postgres/0042_page_withdrawal.sql.
ALTER TABLE education_pages ADD COLUMN withdrawn_by TEXT NOT NULL DEFAULT '';
ALTER TABLE education_pages ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
ALTER TABLE education_pages ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';
