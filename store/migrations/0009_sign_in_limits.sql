-- Sign-in without a lock-out an attacker controls.
--
-- Staff: ten wrong passwords used to lock an account until an admin reset it, so anyone
-- who knew the `role.centre` usernames could lock every surgeon. Now a failure makes the
-- next attempt wait, a wait that grows with the failures counted under two keys: the
-- username at the client address, and the client address alone (any username). A
-- username's failures from one address never delay the same username from another, and
-- an unknown username is counted exactly like a known one, so the answers cannot tell
-- them apart. Keys are BLAKE2b hashes: the table holds neither usernames typed nor
-- addresses.
CREATE TABLE sign_in_delays (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures > 0),
  last_failure_at TEXT NOT NULL,  -- UTC instant; the count starts again after a quiet spell
  wait_until TEXT NOT NULL        -- UTC instant before which this key is answered 429
);
CREATE INDEX sign_in_delays_by_age ON sign_in_delays(last_failure_at);

-- The hard lock is gone; `failed_logins` stays, as what the admin's account list shows:
-- failed sign-ins since the last one that succeeded.
ALTER TABLE accounts DROP COLUMN locked;
ALTER TABLE accounts DROP COLUMN locked_until;

-- Patients' one-time codes: one live code per mobile number (a new one replaces it),
-- shared by every patient registered with that number. After the right code on a
-- shared number the person picks who is signing in, with `choice_hash` (BLAKE2b of a
-- random token handed out with the list of patients, single-use, short-lived).
CREATE TABLE login_codes (
  mobile TEXT PRIMARY KEY,  -- normalised +989XXXXXXXXX, a registered patient's
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  wrong INTEGER NOT NULL DEFAULT 0,  -- wrong codes typed against this code
  choice_hash TEXT UNIQUE,
  choice_expires_at TEXT
);

-- Codes asked for and wrong codes typed, for the budgets per mobile number, per client
-- address and overall within a window, and for the worklist's alert about a patient whose
-- code is being guessed. Numbers nobody is registered with are counted too (an answer
-- must not tell whether a number is a patient's); every row is deleted a day later.
CREATE TABLE code_events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('requested', 'wrong')),
  mobile TEXT NOT NULL,
  address TEXT NOT NULL,  -- BLAKE2b of the client address
  at TEXT NOT NULL
);
CREATE INDEX code_events_by_time ON code_events(kind, at);
CREATE INDEX code_events_by_mobile ON code_events(mobile, kind, at);

-- Codes of the old scheme (one per patient) are not carried over: they live ten minutes.
DELETE FROM access_tokens WHERE purpose = 'login_code';
