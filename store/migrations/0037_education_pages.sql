-- Education pages and FAQ entries (issue 19, domain/education/page.hpp): one row per
-- version of a centre's page, in both languages. A published version is never changed
-- again (a later save writes the next version); the latest version, while unpublished, is
-- a draft saved over in place. The public reads each page's latest published version.
-- The same SQL on SQLite and PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0037_education_pages.sql.
CREATE TABLE education_pages (
  id INTEGER PRIMARY KEY,
  centre_id TEXT NOT NULL REFERENCES centres(id),
  slug TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('page', 'faq')),
  position INTEGER NOT NULL CHECK (position >= 0),
  protocol TEXT NOT NULL,
  title_en TEXT NOT NULL,
  title_fa TEXT NOT NULL,
  body_en TEXT NOT NULL,
  body_fa TEXT NOT NULL,
  written_by TEXT NOT NULL,
  written_at TEXT NOT NULL,
  published_by TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL DEFAULT '',
  UNIQUE (centre_id, slug, version)
);
