-- The worklist through indexes (store/migrations/0020_worklist_index.sql says what
-- worklist_centre holds and why). Here one function states the rule, a BEFORE trigger
-- applies it to every item written (COPY included), and the episodes' and answers'
-- triggers write the items they touch again so that it is applied anew.
ALTER TABLE schedule_items ADD COLUMN worklist_centre TEXT COLLATE "C";

-- The episode's centre while the item is on its worklist, NULL otherwise.
CREATE FUNCTION regenpath_worklist_centre(item schedule_items) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT e.centre_id::text FROM episodes e
  WHERE e.id = item.episode_id AND item.status = 'planned'
    AND item.kind IN ('visit', 'imaging', 'questionnaire', 'order', 'hold')
    AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible')
    AND NOT (item.kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r
      WHERE r.episode_id = item.episode_id AND r.item_id = item.item_id))
$$;

UPDATE schedule_items s SET worklist_centre = regenpath_worklist_centre(s)
WHERE status = 'planned' AND kind IN ('visit', 'imaging', 'questionnaire', 'order', 'hold');

CREATE INDEX schedule_worklist_by_start ON schedule_items(worklist_centre, start_date, episode_id, item_id,
  window_start, window_end, kind) WHERE worklist_centre IS NOT NULL;
CREATE INDEX schedule_worklist_by_end ON schedule_items(worklist_centre, window_end, start_date, episode_id, item_id,
  window_start, kind) WHERE worklist_centre IS NOT NULL;

CREATE FUNCTION regenpath_worklist_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.worklist_centre := regenpath_worklist_centre(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER worklist_item BEFORE INSERT OR UPDATE ON schedule_items
  FOR EACH ROW EXECUTE FUNCTION regenpath_worklist_item();

-- An episode that ends takes its items off the worklist (and one taken back puts them on).
-- Writing the column is what matters here: the BEFORE trigger computes its value.
CREATE FUNCTION regenpath_worklist_episode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE schedule_items SET worklist_centre = NULL WHERE episode_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER worklist_episode AFTER UPDATE OF state ON episodes
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION regenpath_worklist_episode();

-- An answer for a questionnaire's time point takes the item off; its removal puts it back.
CREATE FUNCTION regenpath_worklist_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE schedule_items SET worklist_centre = NULL WHERE episode_id = OLD.episode_id AND item_id = OLD.item_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE schedule_items SET worklist_centre = NULL WHERE episode_id = NEW.episode_id AND item_id = NEW.item_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER worklist_response AFTER INSERT OR DELETE OR UPDATE OF episode_id, item_id ON questionnaire_responses
  FOR EACH ROW EXECUTE FUNCTION regenpath_worklist_response();
