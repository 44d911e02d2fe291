#include "domain/instruments/score_rules.hpp"

#include <span>
#include <string>
#include <variant>

#include "base/error.hpp"
#include "domain/instruments/hoos_jr.hpp"
#include "domain/instruments/oxford_hip.hpp"

namespace rp::instruments {
namespace {

std::string missing_items(std::span<const std::string_view> items, const Answers& answers) {
  std::string out;
  for (const auto id : items)
    if (!answers.find(id)) out += (out.empty() ? "" : ", ") + std::string(id);
  return out;
}

// The rule that withheld every score, in the words a form can show.
std::string rule_text(InstrumentId id, const Answers& answers) {
  const std::string key(instrument_key(id));
  const auto all_of = [&](std::span<const std::string_view> items) {
    return key + " is scored only with all " + std::to_string(items.size()) +
           " of its items answered; missing: " + missing_items(items, answers);
  };
  switch (id) {
    case InstrumentId::hoos_jr:
      return all_of(kHoosJrItemIds);
    case InstrumentId::oxford_hip:
      return all_of(kOxfordHipItemIds);
    case InstrumentId::hoos:
      return "hoos scores a subscale only when at least half of its items are answered, and none has that many";
    case InstrumentId::womac_from_hoos:
      return "womac-from-hoos scores a subscale only when all of its items are answered, and none has them all";
    case InstrumentId::nrs:
      return "nrs gives no score without an answer to pain_rest or pain_activity";
    case InstrumentId::patient_global:
      return "patient-global gives no score without an answer to global";
    case InstrumentId::return_to_activity:
      return "return-to-activity gives no score without an answer to returned_on";
    case InstrumentId::satisfaction:
      return "satisfaction gives no score without an answer to satisfaction";
    case InstrumentId::harris_hip:
      break;  // scored from every item or refused item by item before this
  }
  return key + " gives no score from these answers";
}

}  // namespace

std::vector<std::string_view> unscored(const Scores& scores) {
  std::vector<std::string_view> out;
  for (const auto& [name, value] : scores.values)
    if (std::holds_alternative<std::monostate>(value)) out.push_back(name);
  return out;
}

void require_a_score(const Scores& scores, const Answers& answers) {
  if (unscored(scores).size() < scores.values.size()) return;
  throw InputError("answers", rule_text(scores.instrument, answers));
}

}  // namespace rp::instruments
