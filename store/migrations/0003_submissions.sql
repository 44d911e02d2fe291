-- Questionnaire responses with their scores, adverse events and red flags.

CREATE TABLE questionnaire_responses (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  instrument TEXT NOT NULL,
  item_id TEXT NOT NULL DEFAULT '',  -- the schedule item answered, if any
  answers_json TEXT NOT NULL,
  scores_json TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('staff', 'patient', 'link')),
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  idempotency_key TEXT             -- NULL when the client sent none
);
CREATE INDEX responses_by_episode ON questionnaire_responses(episode_id);
-- A retried submission with the same key is the same submission: exactly once, in the
-- same transaction as the row itself.
CREATE UNIQUE INDEX responses_by_idempotency ON questionnaire_responses(submitted_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- kind 'red_flag' is reported by a patient (unusual pain, swelling, redness, fever) and
-- stays open until a clinician acknowledges it; 'adverse_event' is recorded by staff.
CREATE TABLE adverse_events (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  kind TEXT NOT NULL CHECK (kind IN ('adverse_event', 'red_flag')),
  category TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'serious')),
  description TEXT NOT NULL,
  onset_date TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  role TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  acknowledged_by TEXT NOT NULL DEFAULT '',
  acknowledged_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX adverse_events_by_episode ON adverse_events(episode_id);
CREATE INDEX adverse_events_open ON adverse_events(centre_id, status);
