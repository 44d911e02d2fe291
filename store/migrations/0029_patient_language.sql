-- The language a patient reads (issue 18): their reminders, questionnaire invitations
-- and calendar are written in it. Every patient registered before this had Persian
-- messages, so Persian is what they keep until staff record otherwise. The same SQL on
-- SQLite and PostgreSQL.
ALTER TABLE patients ADD COLUMN language TEXT NOT NULL DEFAULT 'fa' CHECK (language IN ('fa', 'en'));
