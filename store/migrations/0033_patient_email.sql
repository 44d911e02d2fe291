-- A patient's e-mail address and the channel their reminders and invitations go by
-- (issue 18): text messages to the mobile, as every patient registered before this was
-- reached, or e-mail. Empty address: none recorded. The same SQL on SQLite and PostgreSQL.
ALTER TABLE patients ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN preferred_channel TEXT NOT NULL DEFAULT 'sms' CHECK (preferred_channel IN ('sms', 'email'));
-- An e-mail's subject line, rendered with its text in the patient's language; empty for
-- a text message.
ALTER TABLE messages ADD COLUMN subject TEXT NOT NULL DEFAULT '';
