-- The episodes whose messages must be planned again (issue 18's bench: a scheduler pass
-- under a second at 100,000 episodes). An episode's plan is a function of the episode,
-- its schedule, its patient (consent, mobile, language, names) and its centre's names,
-- never of the clock, so a pass plans only the episodes marked here since its last pass;
-- a server's first pass plans every one (the protocols and settings may be new). Triggers
-- on those tables set the marks, the scheduler clears those it planned, in the write that
-- planned them. The same on PostgreSQL with statement triggers:
-- store/migrations/postgres/0032_messages_replan.sql.
CREATE TABLE messages_replan (episode_id INTEGER PRIMARY KEY);
INSERT INTO messages_replan SELECT id FROM episodes
  WHERE state NOT IN ('ineligible', 'completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up');

CREATE TRIGGER messages_replan_episode_insert AFTER INSERT ON episodes BEGIN
  INSERT INTO messages_replan VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER messages_replan_episode_update AFTER UPDATE ON episodes BEGIN
  INSERT INTO messages_replan VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER messages_replan_schedule_insert AFTER INSERT ON schedule_items BEGIN
  INSERT INTO messages_replan VALUES (NEW.episode_id) ON CONFLICT DO NOTHING;
END;
-- Not the worklist's own column (0020), which an answer's trigger rewrites.
CREATE TRIGGER messages_replan_schedule_update AFTER UPDATE OF episode_id, item_id, kind, anchor, offset_text,
  start_date, end_date, window_start, window_end, status, done_on ON schedule_items BEGIN
  INSERT INTO messages_replan VALUES (NEW.episode_id) ON CONFLICT DO NOTHING;
  INSERT INTO messages_replan VALUES (OLD.episode_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER messages_replan_schedule_delete AFTER DELETE ON schedule_items BEGIN
  INSERT INTO messages_replan VALUES (OLD.episode_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER messages_replan_patient_update AFTER UPDATE ON patients BEGIN
  INSERT INTO messages_replan SELECT id FROM episodes WHERE patient_id = NEW.id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER messages_replan_centre_update AFTER UPDATE ON centres BEGIN
  INSERT INTO messages_replan SELECT id FROM episodes WHERE centre_id = NEW.id ON CONFLICT DO NOTHING;
END;
