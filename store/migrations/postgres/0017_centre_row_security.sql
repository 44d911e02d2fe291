-- Centres are tenants. Every table holding a centre's patients and their course answers
-- only the rows of the centre the transaction names in the setting regenpath.centre
-- (set with set_config(..., true), so it ends with the transaction: PgTransaction::
-- limit_to). '*' names every centre (the operator, the registry's de-identified figures,
-- system work). Without the setting no row is seen or written: the policies fail closed.
-- FORCE makes the table owner obey them too; a superuser or a role with BYPASSRLS does
-- not (README, "PostgreSQL roles").

CREATE FUNCTION regenpath_every_centre() RETURNS BOOLEAN LANGUAGE sql STABLE
AS $$ SELECT current_setting('regenpath.centre', true) = '*' $$;

CREATE FUNCTION regenpath_sees_centre(centre TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
AS $$ SELECT centre <> '' AND current_setting('regenpath.centre', true) IN ('*', centre) $$;

-- A registration names the other centres where the same national id is registered,
-- never their records: this looks past the scope and answers centre ids only.
CREATE FUNCTION regenpath_centres_with_national_id(wanted TEXT) RETURNS SETOF TEXT LANGUAGE sql STABLE
SET regenpath.centre = '*'
AS $$ SELECT p.centre_id::text FROM patients p WHERE p.national_id = wanted ORDER BY p.id $$;

-- Tables with their own centre column (each indexed on it: patients by UNIQUE (centre_id,
-- mrn), episodes by episodes_by_centre_state, adverse events by adverse_events_open).
CREATE INDEX responses_by_centre ON questionnaire_responses(centre_id);

ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON patients USING (regenpath_sees_centre(centre_id));

ALTER TABLE episodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE episodes FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON episodes USING (regenpath_sees_centre(centre_id));

ALTER TABLE questionnaire_responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE questionnaire_responses FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON questionnaire_responses USING (regenpath_sees_centre(centre_id));

ALTER TABLE adverse_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE adverse_events FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON adverse_events USING (regenpath_sees_centre(centre_id));

-- Tables that hang off an episode belong to the episode's centre: one probe of the
-- episodes primary key per row, skipped when every centre is in scope.
ALTER TABLE episode_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE episode_transitions FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON episode_transitions USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM episodes e WHERE e.id = episode_transitions.episode_id AND regenpath_sees_centre(e.centre_id)));

ALTER TABLE schedule_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_items FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON schedule_items USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM episodes e WHERE e.id = schedule_items.episode_id AND regenpath_sees_centre(e.centre_id)));

ALTER TABLE eligibility_assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE eligibility_assessments FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON eligibility_assessments USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM episodes e WHERE e.id = eligibility_assessments.episode_id AND regenpath_sees_centre(e.centre_id)));

ALTER TABLE schedule_closures ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_closures FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON schedule_closures USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM episodes e WHERE e.id = schedule_closures.episode_id AND regenpath_sees_centre(e.centre_id)));

-- Scores belong to their response's centre.
ALTER TABLE response_scores ENABLE ROW LEVEL SECURITY;
ALTER TABLE response_scores FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON response_scores USING (regenpath_every_centre() OR EXISTS (
  SELECT 1 FROM questionnaire_responses r WHERE r.id = response_scores.response_id
  AND regenpath_sees_centre(r.centre_id)));
