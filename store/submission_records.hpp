#pragma once
// Rows of what patients and staff submit after enrolment: questionnaire responses with
// their scores, adverse events and red flags (see 0003_submissions.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/adverse_event.hpp"

namespace rp::store {

// One score of a response as a typed row (0014_response_scores.sql), so that SQL reads
// scores without parsing JSON: a number (a whole number, or yes/no as 1/0) in `value`, a
// text (a date) in `text`, neither when the instrument's rule gave no score.
struct ResponseScore {
  std::string name;
  std::optional<double> value;
  std::optional<std::string> text;
};

struct QuestionnaireResponseRow {
  std::int64_t id = 0;
  std::int64_t episode_id = 0;
  std::string centre_id, instrument, item_id;
  std::string answers_json, scores_json;
  std::string source;  // staff | patient | link
  std::string submitted_by, submitted_at;
  std::string idempotency_key;  // empty when none was sent
  // The wording the answers were given to: the Questionnaire's canonical "url|version"
  // (0012_instrument_wordings.sql); empty for answer sets from before it was kept.
  std::string wording_version;
  // The scores as typed rows, written with the response (the service sets them from the
  // scoring result, store/response_scores.hpp); not read back: scores_json is the record.
  std::vector<ResponseScore> scores;
};

// A questionnaire wording a clinic loaded (its licensed translation), one per version.
struct InstrumentWordingRow {
  std::int64_t id = 0;
  std::string instrument, version;
  std::string questionnaire_json;
  std::string languages;  // space-separated: "en fa"
  std::string loaded_by, loaded_at;
};

struct AdverseEventRow {
  std::int64_t id = 0;
  std::int64_t episode_id = 0;
  std::string centre_id;
  std::string kind;  // adverse_event | red_flag
  std::string category, severity, description, onset_date;
  std::string reported_by, role, reported_at;
  std::string status;  // open | acknowledged | resolved
  std::string acknowledged_by, acknowledged_at;
  // Red flags (0010_red_flag_acknowledgement.sql): the acknowledging account's role, what
  // was done (called | asked_to_come_in | referred_to_emergency; "" when not recorded) and
  // the clinician's note.
  std::string acknowledged_role, ack_action, ack_note;
  // The clinician's assessment (0007_adverse_event_assessment.sql); `serious` is derived
  // from it by the domain at every write.
  EventAssessment assessment;
  bool serious = false;
  std::optional<std::int64_t> red_flag_id;  // the red flag this event was triaged from
  std::string triage;                       // red flags: adverse_event | not_adverse_event | "" (not yet)
  std::string triage_reason;
  std::string assessed_by, assessed_at;
};

// One count of a de-identified aggregate: how many episodes of a centre are in a state,
// or how many adverse events of a kind and severity.
struct CountRow {
  std::string centre_id, key;
  std::int64_t count = 0;
  std::int64_t patients = 0;  // distinct patients among those counted
};

}  // namespace rp::store
