#include "domain/instruments/oxford_hip.hpp"

#include "domain/instruments/item_rules.hpp"

namespace rp::instruments {

OxfordHipResponses oxford_hip_responses(const Answers& answers) {
  reject_unknown_items(answers, kOxfordHipItemIds, "oxford-hip");
  return likert_items(answers, kOxfordHipItemIds, 0, 4);
}

std::optional<int> score_oxford_hip(const OxfordHipResponses& responses) {
  int total = 0;
  for (const auto& item : responses) {
    if (!item) return std::nullopt;
    total += *item;
  }
  return total;
}

}  // namespace rp::instruments
