#pragma once
// The JSON text kept in the store's JSON columns, made from the domain's types: the store
// owns that format (api/ reads it back into answers as it is).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <variant>
#include <vector>

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

// An eligibility decision's reasons, its reasons_json column:
//   [{"finding": ..., "kind": ..., "rule": ...}, ...] in the decision's order.
std::string reasons_json(const std::vector<EligibilityReason>& reasons);

// One corrected field of a patient's record: what it was and what it is now (a text, or a
// consent given or withdrawn).
struct FieldChange {
  using Value = std::variant<std::string, bool>;
  std::string field;  // mrn, name_fa, ..., consent.treatment
  Value from, to;
};

// The audit detail of a patient's correction, as the audit chain hashes it:
//   {"changed": {field: {"from": ..., "to": ...}, ...}, "reason": ...}
// (fields by name; text that is not UTF-8 has its bad bytes replaced).
std::string patient_change_json(const std::vector<FieldChange>& changed, const std::string& reason);

}  // namespace rp::store
