-- The centre's on-call clinician's mobile (issue 18): a red flag a patient reports also
-- goes to it by SMS, at any hour, so that one reported at night does not wait for the
-- morning's worklist. Set by the centre's admin; empty: no SMS (the worklist and the live
-- alert still show the flag). The same SQL on SQLite and PostgreSQL.
ALTER TABLE centres ADD COLUMN on_call_mobile TEXT NOT NULL DEFAULT '';
