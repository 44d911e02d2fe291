-- An admin disables the account of someone who has left (or changes a role) instead of
-- deleting it: the audit log keeps naming the account, and it can be enabled again. A
-- disabled account cannot sign in and its sessions end at once.
ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
