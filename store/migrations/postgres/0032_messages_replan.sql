-- The episodes whose messages must be planned again (store/migrations/0032_messages_replan.sql
-- says why and how they are used). Inserts, deletes and the changes of episodes, patients and
-- centres mark set-wise from transition tables, one statement each, so a COPY of millions
-- of rows marks in one pass; a schedule item's update marks row by row, for only the
-- columns the plan reads (a transition table cannot be limited to columns): the
-- worklist's own column (0020), which an answer's trigger rewrites, marks nothing.
CREATE TABLE messages_replan (episode_id BIGINT PRIMARY KEY);
INSERT INTO messages_replan SELECT id FROM episodes
  WHERE state NOT IN ('ineligible', 'completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up');

CREATE FUNCTION regenpath_replan_episodes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO messages_replan SELECT id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER messages_replan_insert AFTER INSERT ON episodes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_replan_episodes();
CREATE TRIGGER messages_replan_update AFTER UPDATE ON episodes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_replan_episodes();

CREATE FUNCTION regenpath_replan_schedule_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO messages_replan SELECT DISTINCT episode_id FROM new_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO messages_replan SELECT DISTINCT episode_id FROM old_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER messages_replan_insert AFTER INSERT ON schedule_items REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_replan_schedule_rows();
CREATE TRIGGER messages_replan_delete AFTER DELETE ON schedule_items REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_replan_schedule_rows();

CREATE FUNCTION regenpath_replan_schedule_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO messages_replan VALUES (NEW.episode_id) ON CONFLICT DO NOTHING;
  INSERT INTO messages_replan VALUES (OLD.episode_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER messages_replan_update AFTER UPDATE OF episode_id, item_id, kind, anchor, offset_text, start_date,
  end_date, window_start, window_end, status, done_on ON schedule_items
  FOR EACH ROW EXECUTE FUNCTION regenpath_replan_schedule_item();

CREATE FUNCTION regenpath_replan_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO messages_replan SELECT e.id FROM episodes e WHERE e.patient_id IN (SELECT id FROM new_rows)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER messages_replan_update AFTER UPDATE ON patients REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_replan_patients();

CREATE FUNCTION regenpath_replan_centres() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO messages_replan SELECT e.id FROM episodes e WHERE e.centre_id IN (SELECT id FROM new_rows)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER messages_replan_update AFTER UPDATE ON centres REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_replan_centres();

-- Centre walls (0017): a mark is its episode's centre's.
ALTER TABLE messages_replan ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages_replan FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON messages_replan USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM episodes e WHERE e.id = messages_replan.episode_id AND regenpath_sees_centre(e.centre_id)));
