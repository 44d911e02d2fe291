-- The outcome report's rows, one per treated joint, derived from the tables they rest on
-- so that the report reads as many rows as there are joints, not every schedule item,
-- answer and score ever written (store/outcome_rows.hpp).
--
-- outcome_joints: one row per first episode (repeat_of IS NULL) with a recorded injection:
-- what the report filters on as columns (protocol, centre, registry consent) and the rest
-- of the joint's facts in one compact blob (days, case mix, operator, per-questionnaire
-- item window and scores, adverse events), encoded and decoded by store/outcome_rows.cpp.
-- outcome_stale: the episodes whose joint's row may be out of date. Triggers on every
-- source table mark them; a reader computes a stale joint from the source tables (so a
-- read is never out of date), and a short write (Transaction::refresh_outcome_rows: the
-- report before its read, `db migrate`) recomputes and stores them, clearing the marks.
-- An episode id is marked as written; the refresh follows repeat_of to the joint's first
-- episode. A migrated database starts with every joint stale.
CREATE TABLE outcome_joints (
  episode_id INTEGER PRIMARY KEY,
  protocol_id TEXT NOT NULL,
  centre_id TEXT NOT NULL,
  consent_registry INTEGER NOT NULL,
  facts BLOB NOT NULL
);
CREATE TABLE outcome_stale (episode_id INTEGER PRIMARY KEY);
-- A joint's repeats, found from its first episode.
CREATE INDEX episodes_by_repeat_of ON episodes(repeat_of);
INSERT INTO outcome_stale SELECT id FROM episodes WHERE repeat_of IS NULL;

CREATE TRIGGER outcome_stale_episode_insert AFTER INSERT ON episodes BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.id);
END;
CREATE TRIGGER outcome_stale_episode_update AFTER UPDATE ON episodes BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.id);
  INSERT OR IGNORE INTO outcome_stale SELECT OLD.repeat_of WHERE OLD.repeat_of IS NOT NULL;
END;
CREATE TRIGGER outcome_stale_episode_delete AFTER DELETE ON episodes BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.id);
  INSERT OR IGNORE INTO outcome_stale SELECT OLD.repeat_of WHERE OLD.repeat_of IS NOT NULL;
END;

-- A patient's birth date (the age band) and registry consent (who counts) are the joint's.
CREATE TRIGGER outcome_stale_patient_update AFTER UPDATE OF birth_date, consent_registry ON patients BEGIN
  INSERT OR IGNORE INTO outcome_stale SELECT id FROM episodes WHERE patient_id = NEW.id;
END;

CREATE TRIGGER outcome_stale_transition_insert AFTER INSERT ON episode_transitions BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
END;
CREATE TRIGGER outcome_stale_transition_update AFTER UPDATE ON episode_transitions BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;
CREATE TRIGGER outcome_stale_transition_delete AFTER DELETE ON episode_transitions BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;

CREATE TRIGGER outcome_stale_schedule_insert AFTER INSERT ON schedule_items BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
END;
CREATE TRIGGER outcome_stale_schedule_update AFTER UPDATE ON schedule_items BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;
CREATE TRIGGER outcome_stale_schedule_delete AFTER DELETE ON schedule_items BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;

CREATE TRIGGER outcome_stale_response_insert AFTER INSERT ON questionnaire_responses BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
END;
CREATE TRIGGER outcome_stale_response_update AFTER UPDATE ON questionnaire_responses BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;
CREATE TRIGGER outcome_stale_response_delete AFTER DELETE ON questionnaire_responses BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;

-- A score belongs to its response's episode.
CREATE TRIGGER outcome_stale_score_insert AFTER INSERT ON response_scores BEGIN
  INSERT OR IGNORE INTO outcome_stale SELECT episode_id FROM questionnaire_responses WHERE id = NEW.response_id;
END;
CREATE TRIGGER outcome_stale_score_update AFTER UPDATE ON response_scores BEGIN
  INSERT OR IGNORE INTO outcome_stale SELECT episode_id FROM questionnaire_responses
    WHERE id IN (NEW.response_id, OLD.response_id);
END;
CREATE TRIGGER outcome_stale_score_delete AFTER DELETE ON response_scores BEGIN
  INSERT OR IGNORE INTO outcome_stale SELECT episode_id FROM questionnaire_responses WHERE id = OLD.response_id;
END;

CREATE TRIGGER outcome_stale_event_insert AFTER INSERT ON adverse_events BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
END;
CREATE TRIGGER outcome_stale_event_update AFTER UPDATE ON adverse_events BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (NEW.episode_id);
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;
CREATE TRIGGER outcome_stale_event_delete AFTER DELETE ON adverse_events BEGIN
  INSERT OR IGNORE INTO outcome_stale VALUES (OLD.episode_id);
END;
