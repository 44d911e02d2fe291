-- PostgreSQL version of store/migrations/0010_red_flag_acknowledgement.sql: ids as BIGINT identity columns, text
-- compared and ordered byte-wise (COLLATE "C"), as SQLite compares it.
-- What a clinician did when acknowledging a patient's red flag, so that the record (and
-- the patient's portal) says more than "seen":
-- acknowledged_role: the acknowledging account's role at the time (the portal names the
--   role, never the person); '' for flags acknowledged before this migration.
-- ack_action: called (the patient was phoned), asked_to_come_in, referred_to_emergency;
--   NULL when not recorded (older rows, or a flag triaged without an acknowledgement).
-- ack_note: the clinician's free text about it; '' when none.
ALTER TABLE adverse_events ADD COLUMN acknowledged_role TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE adverse_events ADD COLUMN ack_action TEXT COLLATE "C"
  CHECK (ack_action IN ('called', 'asked_to_come_in', 'referred_to_emergency'));
ALTER TABLE adverse_events ADD COLUMN ack_note TEXT COLLATE "C" NOT NULL DEFAULT '';
