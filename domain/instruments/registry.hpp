#pragma once
// The instrument registry and the one entry point the service layer calls to
// validate and score a submitted questionnaire. Definitions are compiled in (scoring
// rules live in code); item wording lives in instruments/*.json and is matched by
// linkId = item id. Nothing here touches a file, so scoring costs microseconds.
#include <span>
#include <string_view>

#include "domain/instruments/answers.hpp"
#include "domain/instruments/instrument_id.hpp"
#include "domain/instruments/scores.hpp"

namespace rp::instruments {

struct ScoreDef {
  std::string_view name;   // key in Scores and in the JSON output
  std::string_view loinc;  // LOINC code of the score where verified, else empty
};

struct InstrumentDef {
  InstrumentId id;
  std::string_view key;    // "hoos-jr"
  std::string_view title;  // shown with the scores
  // File under instruments/ holding the FHIR Questionnaire (wording), or empty for
  // scores derived from another instrument's answers (womac-from-hoos uses hoos.json).
  std::string_view questionnaire_file;
  bool clinician_completed;
  std::span<const std::string_view> item_ids;  // answers this instrument accepts
  std::span<const ScoreDef> scores;            // what it produces, in output order
};

std::span<const InstrumentDef> all_instruments();
const InstrumentDef& instrument(InstrumentId id);

// Validates `answers` against the instrument (unknown item, wrong type or out of range
// → InputError naming the item) and scores it. Values the missing-item rules forbid
// are null in the result; they are not errors.
Scores score(InstrumentId id, const Answers& answers);

}  // namespace rp::instruments
