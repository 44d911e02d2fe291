#pragma once
// Oxford Hip Score (2007 scoring): 12 items scored 0–4 with 4 = best, total 0–48
// (48 = best). The 1996 scoring (1–5 per item, 12–60, lower = better) is not accepted.
// Missing items: the licensor's rule could not be verified (one secondary source allows
// up to two missing items with mean substitution), so the total is computed only when
// all 12 items are answered; otherwise it is null. Revisit with the licence pack.
#include <array>
#include <optional>
#include <string_view>

#include "domain/instruments/answers.hpp"

namespace rp::instruments {

inline constexpr std::array<std::string_view, 12> kOxfordHipItemIds{
    "OHS1", "OHS2", "OHS3", "OHS4", "OHS5", "OHS6", "OHS7", "OHS8", "OHS9", "OHS10", "OHS11", "OHS12",
};

using OxfordHipResponses = std::array<std::optional<int>, 12>;

OxfordHipResponses oxford_hip_responses(const Answers& answers);
std::optional<int> score_oxford_hip(const OxfordHipResponses& responses);

}  // namespace rp::instruments
