-- The outcome report's rows, one per treated joint (store/migrations/0019_outcome_rows.sql
-- says what they hold and how they are kept). Here the marks are set by statement-level
-- triggers over transition tables: one set-wise INSERT per statement, so a COPY of
-- millions of rows marks its joints in one pass rather than one trigger call per row.
CREATE TABLE outcome_joints (
  episode_id BIGINT PRIMARY KEY,
  protocol_id TEXT COLLATE "C" NOT NULL,
  centre_id TEXT COLLATE "C" NOT NULL,
  consent_registry INTEGER NOT NULL,
  facts BYTEA NOT NULL
);
CREATE TABLE outcome_stale (episode_id BIGINT PRIMARY KEY);
CREATE INDEX episodes_by_repeat_of ON episodes(repeat_of);
INSERT INTO outcome_stale SELECT id FROM episodes WHERE repeat_of IS NULL;

-- Tables with an episode_id column.
CREATE FUNCTION regenpath_outcome_stale_by_episode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO outcome_stale SELECT DISTINCT episode_id FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO outcome_stale SELECT DISTINCT episode_id FROM old_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- Episodes themselves, and the joint a repeat joined before it changed or went.
CREATE FUNCTION regenpath_outcome_stale_episodes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO outcome_stale SELECT id FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO outcome_stale SELECT id FROM old_rows UNION SELECT repeat_of FROM old_rows
      WHERE repeat_of IS NOT NULL ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- A score belongs to its response's episode.
CREATE FUNCTION regenpath_outcome_stale_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO outcome_stale SELECT DISTINCT r.episode_id FROM questionnaire_responses r
      WHERE r.id IN (SELECT response_id FROM new_rows) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO outcome_stale SELECT DISTINCT r.episode_id FROM questionnaire_responses r
      WHERE r.id IN (SELECT response_id FROM old_rows) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- A patient's birth date (the age band) and registry consent (who counts) are the joint's.
CREATE FUNCTION regenpath_outcome_stale_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outcome_stale SELECT e.id FROM episodes e WHERE e.patient_id IN (
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.birth_date IS DISTINCT FROM o.birth_date OR n.consent_registry IS DISTINCT FROM o.consent_registry)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Three triggers per table (a trigger with transition tables has one event), each table
-- with its function.
DO $$
DECLARE
  t TEXT[];
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[
      ['episodes', 'regenpath_outcome_stale_episodes'],
      ['response_scores', 'regenpath_outcome_stale_scores'],
      ['episode_transitions', 'regenpath_outcome_stale_by_episode'],
      ['schedule_items', 'regenpath_outcome_stale_by_episode'],
      ['questionnaire_responses', 'regenpath_outcome_stale_by_episode'],
      ['adverse_events', 'regenpath_outcome_stale_by_episode']] LOOP
    EXECUTE format('CREATE TRIGGER outcome_stale_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER outcome_stale_update AFTER UPDATE ON %I '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER outcome_stale_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1], t[2]);
  END LOOP;
END $$;

CREATE TRIGGER outcome_stale_update AFTER UPDATE ON patients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION regenpath_outcome_stale_patients();

-- Centre walls (0017): a joint's row is its centre's, a mark its episode's centre's.
ALTER TABLE outcome_joints ENABLE ROW LEVEL SECURITY;
ALTER TABLE outcome_joints FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON outcome_joints USING (regenpath_sees_centre(centre_id));

ALTER TABLE outcome_stale ENABLE ROW LEVEL SECURITY;
ALTER TABLE outcome_stale FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON outcome_stale USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM episodes e WHERE e.id = outcome_stale.episode_id AND regenpath_sees_centre(e.centre_id)));
