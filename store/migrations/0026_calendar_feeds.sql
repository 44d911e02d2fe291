-- Private calendar feeds (issue 18): a patient's schedule as iCalendar at
-- /calendar/<token>.ics, which a calendar app subscribes to without signing in. The
-- token is the key, so only its BLAKE2b hash is kept (as for sessions); it is shown once,
-- when made. Staff revoke a feed (revoked_at set); a patient has at most one live feed,
-- and making a new one revokes the old. The same SQL on SQLite and PostgreSQL but for ids,
-- collation and row security: store/migrations/postgres/0026_calendar_feeds.sql.
CREATE TABLE calendar_feeds (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_by TEXT,
  revoked_at TEXT,
  CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
);
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds(patient_id) WHERE revoked_at IS NULL;
