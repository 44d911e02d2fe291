-- The registry role: the body that licenses centres sets each centre's licence status,
-- which a centre's own admin may not (service/accounts.hpp, kRegistryRole). The role list
-- is a CHECK constraint, which SQLite cannot alter: the table is rebuilt under the same
-- name with the same rows and ids. Foreign keys stay on; deferred, the references that
-- the drop leaves dangling (sessions) are matched again when the rows are copied back,
-- and the commit checks that none is left.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE accounts_before_registry AS SELECT * FROM accounts;
DROP TABLE accounts;
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL
    CHECK (role IN ('admin', 'surgeon', 'coordinator', 'lab', 'physiotherapist', 'analyst', 'registry')),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);
INSERT INTO accounts (id, username, role, centre_id, password_hash, failed_logins, created_at, password_changed_at,
                      disabled)
  SELECT id, username, role, centre_id, password_hash, failed_logins, created_at, password_changed_at, disabled
  FROM accounts_before_registry;
DROP TABLE accounts_before_registry;
