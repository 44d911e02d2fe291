-- The worklist through indexes (issue 16). Which schedule items are on a centre's worklist
-- rests on three tables: the item (still planned, a kind the worklist shows), its episode
-- (still running, and its centre) and, for a questionnaire, whether an answer for the item
-- came in. worklist_centre holds that answer on the item itself: the episode's centre while
-- the item is on the worklist, NULL otherwise, kept by the triggers below. The two partial
-- indexes then hold only the items on some worklist, by centre, in the orders the
-- worklist reads (by start date: today's, those coming up and drug holds; by the day the
-- window closes: overdue and window closed) with the columns its filters and counts look
-- at, so a page reads its own rows and a count reads one index range, never the episodes
-- or every schedule row of the registry.
-- PostgreSQL: store/migrations/postgres/0020_worklist_index.sql (a BEFORE trigger).

ALTER TABLE schedule_items ADD COLUMN worklist_centre TEXT;

-- The one rule, repeated in each trigger (SQLite triggers cannot share a function): the
-- episode's centre when the item is planned, of a worklist kind (visit, imaging,
-- questionnaire, work-up order, drug hold), of a running episode, and not a questionnaire
-- answered for its time point.
UPDATE schedule_items SET worklist_centre = (
  SELECT e.centre_id FROM episodes e WHERE e.id = schedule_items.episode_id
    AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible'))
WHERE status = 'planned' AND kind IN ('visit', 'imaging', 'questionnaire', 'order', 'hold')
  AND NOT (kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r
    WHERE r.episode_id = schedule_items.episode_id AND r.item_id = schedule_items.item_id));

CREATE INDEX schedule_worklist_by_start ON schedule_items(worklist_centre, start_date, episode_id, item_id,
  window_start, window_end, kind) WHERE worklist_centre IS NOT NULL;
CREATE INDEX schedule_worklist_by_end ON schedule_items(worklist_centre, window_end, start_date, episode_id, item_id,
  window_start, kind) WHERE worklist_centre IS NOT NULL;

CREATE TRIGGER worklist_schedule_insert AFTER INSERT ON schedule_items BEGIN
  UPDATE schedule_items SET worklist_centre = (
    SELECT e.centre_id FROM episodes e WHERE e.id = NEW.episode_id
      AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible'))
  WHERE episode_id = NEW.episode_id AND item_id = NEW.item_id
    AND status = 'planned' AND kind IN ('visit', 'imaging', 'questionnaire', 'order', 'hold')
    AND NOT (kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r
      WHERE r.episode_id = NEW.episode_id AND r.item_id = NEW.item_id));
END;

-- A status or kind written: computed again from the rule. (A row written whole, as a copy
-- between stores does, goes through the insert trigger.)
CREATE TRIGGER worklist_schedule_update AFTER UPDATE OF status, kind ON schedule_items BEGIN
  UPDATE schedule_items SET worklist_centre = CASE
    WHEN status = 'planned' AND kind IN ('visit', 'imaging', 'questionnaire', 'order', 'hold')
      AND NOT (kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r
        WHERE r.episode_id = NEW.episode_id AND r.item_id = NEW.item_id))
    THEN (SELECT e.centre_id FROM episodes e WHERE e.id = NEW.episode_id
      AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible'))
    END
  WHERE episode_id = NEW.episode_id AND item_id = NEW.item_id;
END;

-- An episode that ends takes its items off the worklist (and one taken back puts them on).
CREATE TRIGGER worklist_episode_state AFTER UPDATE OF state ON episodes WHEN OLD.state IS NOT NEW.state BEGIN
  UPDATE schedule_items SET worklist_centre = CASE
    WHEN status = 'planned' AND kind IN ('visit', 'imaging', 'questionnaire', 'order', 'hold')
      AND NOT (kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r
        WHERE r.episode_id = NEW.id AND r.item_id = schedule_items.item_id))
      AND NEW.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible')
    THEN NEW.centre_id END
  WHERE episode_id = NEW.id;
END;

-- An answer for a questionnaire's time point takes the item off; its removal puts it back
-- (writing the item's status fires worklist_schedule_update, which applies the rule).
CREATE TRIGGER worklist_response_insert AFTER INSERT ON questionnaire_responses BEGIN
  UPDATE schedule_items SET worklist_centre = NULL
  WHERE episode_id = NEW.episode_id AND item_id = NEW.item_id AND kind = 'questionnaire';
END;
CREATE TRIGGER worklist_response_delete AFTER DELETE ON questionnaire_responses BEGIN
  UPDATE schedule_items SET status = status WHERE episode_id = OLD.episode_id AND item_id = OLD.item_id;
END;
CREATE TRIGGER worklist_response_update AFTER UPDATE OF episode_id, item_id ON questionnaire_responses BEGIN
  UPDATE schedule_items SET status = status WHERE episode_id = OLD.episode_id AND item_id = OLD.item_id;
  UPDATE schedule_items SET worklist_centre = NULL
  WHERE episode_id = NEW.episode_id AND item_id = NEW.item_id AND kind = 'questionnaire';
END;
