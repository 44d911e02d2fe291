-- Staff accounts, sessions, patients' one-time codes and questionnaire links, and
-- idempotency keys for creating requests.
-- Secrets are never stored in the clear: passwords as argon2id strings, session tokens,
-- one-time codes and link tokens as BLAKE2b hashes, so a copied database file opens
-- no session and answers no link.

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'surgeon', 'coordinator', 'lab', 'physiotherapist', 'analyst')),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,               -- UTC instant; NULL when not delayed
  locked INTEGER NOT NULL DEFAULT 0,  -- locked out until an admin resets the password
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'patient')),
  account_id INTEGER REFERENCES accounts(id),
  patient_id INTEGER REFERENCES patients(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions(account_id);

-- Single-purpose tokens handed to a patient: a login code (sent to the mobile) or a
-- questionnaire link for one episode and instrument.
CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('login_code', 'questionnaire')),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  episode_id INTEGER REFERENCES episodes(id),
  instrument TEXT NOT NULL DEFAULT '',
  item_id TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX access_tokens_by_patient ON access_tokens(patient_id, purpose);

-- The response to a creating POST, kept so that a retried request with the same key
-- gets the same answer instead of creating a second record.
CREATE TABLE idempotency_keys (
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  route TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (actor, key)
);
