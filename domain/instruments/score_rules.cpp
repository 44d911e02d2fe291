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
InputError refusal(InstrumentId id, const Answers& answers) {
  const std::string key(instrument_key(id));
  const auto all_of = [&](std::span<const std::string_view> items) {
    return InputError("answers", "scored_only_with_all_items"_err,
                      {{"instrument", key}, {"count", items.size()}, {"missing", missing_items(items, answers)}});
  };
  const auto without = [&](const char* item) {
    return InputError("answers", "no_score_without_answer"_err, {{"instrument", key}, {"item", item}});
  };
  switch (id) {
    case InstrumentId::hoos_jr:
      return all_of(kHoosJrItemIds);
    case InstrumentId::oxford_hip:
      return all_of(kOxfordHipItemIds);
    case InstrumentId::hoos:
      return InputError("answers", "hoos_no_subscale"_err);
    case InstrumentId::womac_from_hoos:
      return InputError("answers", "womac_no_subscale"_err);
    case InstrumentId::nrs:
      return without("pain_rest or pain_activity");
    case InstrumentId::patient_global:
      return without("global");
    case InstrumentId::return_to_activity:
      return without("returned_on");
    case InstrumentId::satisfaction:
      return without("satisfaction");
    case InstrumentId::harris_hip:
      break;  // scored from every item or refused item by item before this
  }
  return InputError("answers", "no_score_from_answers"_err, {{"instrument", key}});
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
  throw refusal(scores.instrument, answers);
}

}  // namespace rp::instruments
