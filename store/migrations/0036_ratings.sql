-- Patients' ratings of their treatment (issue 19, domain/rating/rating.hpp): one row per
-- episode, 1-5 stars and an optional comment the centre moderates before the public sees
-- it; a change rewrites the row (the last rating counts) and the audit log keeps each
-- one. The same SQL on SQLite and PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0036_ratings.sql.
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL UNIQUE REFERENCES episodes(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  comment_status TEXT NOT NULL CHECK (comment_status IN ('none', 'pending', 'approved', 'rejected')),
  moderated_by TEXT NOT NULL DEFAULT '',
  moderated_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ratings_of_centre ON ratings(centre_id, updated_at);
