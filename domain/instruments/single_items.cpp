#include "domain/instruments/single_items.hpp"

#include <string>

#include "base/date_input.hpp"
#include "base/error.hpp"
#include "domain/instruments/item_rules.hpp"

namespace rp::instruments {

NrsScores score_nrs(const Answers& answers) {
  reject_unknown_items(answers, kNrsItemIds, "nrs");
  NrsScores s;
  s.pain_rest = integer_item(answers, "pain_rest", 0, 10);
  s.pain_activity = integer_item(answers, "pain_activity", 0, 10);
  s.pain = s.pain_activity;
  return s;
}

std::optional<int> score_patient_global(const Answers& answers) {
  reject_unknown_items(answers, kPatientGlobalItemIds, "patient-global");
  return integer_item(answers, "global", 0, 100);
}

ReturnToActivity score_return_to_activity(const Answers& answers) {
  reject_unknown_items(answers, kReturnToActivityItemIds, "return-to-activity");
  const auto code = code_item(answers, "returned_on");
  if (!code) return {};
  if (*code == "not_yet") return {.returned = false, .date = std::nullopt};
  try {
    return {.returned = true, .date = parse_gregorian_input(*code, "returned_on")};
  } catch (const InputError& e) {
    throw InputError("returned_on", "returned_on_not_a_date"_err, {{"problem", e.what()}});
  }
}

std::optional<int> score_satisfaction(const Answers& answers) {
  reject_unknown_items(answers, kSatisfactionItemIds, "satisfaction");
  return integer_item(answers, "satisfaction", 1, 5);
}

}  // namespace rp::instruments
