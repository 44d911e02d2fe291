-- Questionnaire wording as data: the wording a clinic loads (its licensed, validated
-- translation, as a FHIR R4 Questionnaire checked against the instrument's structure),
-- each load a new version kept for good; and, with every answer set, the wording it was
-- given with, so a figure can tell which wording an answer rests on.

CREATE TABLE instrument_wordings (
  id INTEGER PRIMARY KEY,
  instrument TEXT NOT NULL,          -- instrument key: hoos, oxford-hip, ...
  version TEXT NOT NULL,             -- the Questionnaire's canonical "url|version"
  questionnaire_json TEXT NOT NULL,  -- the file as loaded
  languages TEXT NOT NULL,           -- languages every text is worded in: "en fa"
  loaded_by TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  UNIQUE (instrument, version)
);

-- '' for answer sets given before wordings were recorded (the shipped short labels).
ALTER TABLE questionnaire_responses ADD COLUMN wording_version TEXT NOT NULL DEFAULT '';
