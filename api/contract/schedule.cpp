#include "api/contract/schedule.hpp"

namespace rp::api::contract {

EligibilityResultOut eligibility_result_out(const EligibilityResult& r, std::string_view lang) {
  EligibilityResultOut out;
  out.decision = r.decision;
  for (const auto& reason : r.reasons)
    out.reasons.push_back({reason.rule, reason.kind, reason.finding, reason.text.in(lang)});
  return out;
}

std::vector<ScheduleItemOut> schedule_out(const std::vector<ScheduledItem>& items, const Protocol& protocol,
                                          std::string_view lang, const CivilDate& today) {
  std::vector<ScheduleItemOut> out;
  out.reserve(items.size());
  for (const auto& s : items) out.push_back(schedule_item_out(s, protocol, lang, today));
  return out;
}

ItemMarked item_marked(const ScheduledItem& item, bool changed) {
  ItemMarked out{item.id, item.status, std::nullopt, changed};
  if (item.done_on) out.done_on = item.done_on->iso();
  return out;
}

}  // namespace rp::api::contract
