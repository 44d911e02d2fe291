-- Worklist items closed as missed, and reopened: one row per decision, kept for good, so
-- the reason a follow-up was given up on (and who took it back) stays beside the audit
-- row. The item's status in schedule_items says where it stands now.
-- action: closed | reopened. reason: for closed, patient_unreachable | declined |
--   moved_away | clinical_reason | other; '' for reopened. note: the words given (required
--   with other, and for reopening).
CREATE TABLE schedule_closures (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES episodes(id),
  item_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('closed', 'reopened')),
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX schedule_closures_by_item ON schedule_closures(episode_id, item_id);

-- The worklist reads a centre's planned items by how their windows stand on the day; the
-- questionnaire check looks answers up by time point.
CREATE INDEX schedule_by_status_window_end ON schedule_items(status, window_end);
CREATE INDEX responses_by_episode_item ON questionnaire_responses(episode_id, item_id);
