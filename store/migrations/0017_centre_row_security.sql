-- Row-level security keyed on the transaction's centre is PostgreSQL's alone
-- (store/migrations/postgres/0017_centre_row_security.sql). SQLite has no such wall: the
-- service's checks are its only one. This file changes nothing; it keeps both engines at
-- one schema version.
SELECT 1;
