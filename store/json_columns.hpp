#pragma once
// The JSON text kept in the store's JSON columns, made from the domain's types: the store
// owns that format (api/ reads it back into answers as it is).
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "domain/eligibility.hpp"
#include "domain/instruments/scores.hpp"
#include "domain/instruments/sent_answers.hpp"

namespace rp::store {

// An answer set's scores, its scores_json column (and what `regenpath score` prints):
//   {"instrument": key, "title": ..., "scores": {name: value|null, ...}}
nlohmann::json scores_to_json(const instruments::Scores& scores);

// An answer set as sent, its answers_json column: {"P1": 2, "P2": null, "rom": {...}}.
std::string answers_json(const instruments::SentAnswers& answers);

// An eligibility assessment's findings as recorded, its findings_json column: an object of
// name: true|false|number|null, a whole number written without a fraction.
std::string findings_json(const RecordedFindings& findings);

}  // namespace rp::store
