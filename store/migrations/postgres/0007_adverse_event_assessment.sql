-- PostgreSQL version of store/migrations/0007_adverse_event_assessment.sql: ids as BIGINT identity columns, text
-- compared and ordered byte-wise (COLLATE "C"), as SQLite compares it.
-- A clinician's assessment of an adverse event (domain/adverse_event.hpp), and the triage
-- of a patient's red flag. The patient's "severity" stays as it was said; `serious` is
-- derived by the domain from the criteria and the CTCAE grade at every write.
--
-- serious_reasons: the regulatory criteria met, comma-separated in a fixed order
--   (death, life_threatening, hospitalisation, persistent_disability, congenital_anomaly,
--   medically_important); '' for none.
-- relatedness: harvest | injection | neither; NULL until assessed.
-- outcome: resolved | ongoing | sequelae | death; NULL until known.
-- red_flag_id: the red flag a clinician triaged as this adverse event.
-- triage (red flags): adverse_event | not_adverse_event, with the clinician's reason;
--   NULL until triaged. A triaged flag is resolved.
-- assessed_by, assessed_at: who last changed the assessment, and when (UTC instant).
ALTER TABLE adverse_events ADD COLUMN serious_reasons TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE adverse_events ADD COLUMN relatedness TEXT COLLATE "C" CHECK (relatedness IN ('harvest', 'injection', 'neither'));
ALTER TABLE adverse_events ADD COLUMN outcome TEXT COLLATE "C" CHECK (outcome IN ('resolved', 'ongoing', 'sequelae', 'death'));
ALTER TABLE adverse_events ADD COLUMN red_flag_id BIGINT REFERENCES adverse_events(id);
ALTER TABLE adverse_events ADD COLUMN triage TEXT COLLATE "C" CHECK (triage IN ('adverse_event', 'not_adverse_event'));
ALTER TABLE adverse_events ADD COLUMN triage_reason TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE adverse_events ADD COLUMN assessed_by TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE adverse_events ADD COLUMN assessed_at TEXT COLLATE "C" NOT NULL DEFAULT '';
-- A red flag becomes at most one adverse event.
CREATE UNIQUE INDEX adverse_events_by_red_flag ON adverse_events(red_flag_id) WHERE red_flag_id IS NOT NULL;
-- Events marked serious before the criteria were recorded (severity 'serious' before
-- 0004, or graded serious without a criterion) keep counting as serious: the criterion
-- was not written down, so it is recorded as the catch-all "medically important".
UPDATE adverse_events SET serious_reasons = 'medically_important'
WHERE serious = 1 AND (ctcae_grade IS NULL OR ctcae_grade < 4);
