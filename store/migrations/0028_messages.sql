-- The patient outbox (issue 18): every message the schedule asks for, derived by the
-- scheduler (service/messaging/) and kept until a person no longer needs its story.
-- dedupe_key names what a message is for ("episode:7:item:visit-2w:day-before"), so a
-- pass that plans it again inserts nothing. A message is claimed (pending -> sending)
-- in one transaction before it is handed to a channel and its result written in
-- another, so a crash between the two leaves it `sending`, which the next pass turns
-- into `unknown` for a person to check: it is never sent again blindly. Every try at a
-- channel is a row of message_attempts. The same SQL on SQLite and PostgreSQL but for
-- ids, collation and row security: store/migrations/postgres/0028_messages.sql.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  episode_id INTEGER REFERENCES episodes(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  dedupe_key TEXT NOT NULL UNIQUE,
  template TEXT NOT NULL,
  item_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('en', 'fa')),
  to_address TEXT NOT NULL,
  due_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled', 'unknown')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  provider_id TEXT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  claimed_at TEXT,
  sent_at TEXT,
  delivered_at TEXT,
  cancelled_by TEXT,
  cancel_reason TEXT,
  last_detail TEXT NOT NULL DEFAULT ''
);
-- The scheduler's due query reads only pending rows, by due instant.
CREATE INDEX messages_pending_due ON messages(due_at) WHERE state = 'pending';
-- Rows left `sending` by a crash, found at the start of each pass.
CREATE INDEX messages_sending ON messages(claimed_at) WHERE state = 'sending';
-- A delivery report names the provider's id.
CREATE INDEX messages_by_provider_id ON messages(provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX messages_by_patient ON messages(patient_id, due_at);
CREATE INDEX messages_by_episode ON messages(episode_id) WHERE episode_id IS NOT NULL;

CREATE TABLE message_attempts (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'unknown', 'rejected', 'delivered', 'undelivered')),
  provider_id TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX message_attempts_by_message ON message_attempts(message_id, id);

-- The scheduler walks the episodes still on the pathway, a page at a time by id.
CREATE INDEX episodes_on_pathway ON episodes(id)
  WHERE state NOT IN ('ineligible', 'completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up');
