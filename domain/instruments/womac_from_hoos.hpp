#pragma once
// WOMAC LK 3.x raw subscales computed from HOOS answers: HOOS contains every WOMAC
// item unchanged. Pain = P4–P8 (0–20), stiffness = S4–S5 (0–8), physical function =
// A1–A17 (0–68), total 0–96; higher = worse. HOOS asks about the last week, WOMAC
// about 48 hours, so the result is labelled "WOMAC (from HOOS, 1-week recall)".
// A subscale with any item missing is null; the total is null unless all three exist.
#include <optional>
#include <string_view>

#include "domain/instruments/hoos.hpp"

namespace rp::instruments {

inline constexpr std::string_view kWomacFromHoosLabel = "WOMAC (from HOOS, 1-week recall)";

struct WomacScores {
  std::optional<int> pain, stiffness, function, total;
};

WomacScores score_womac_from_hoos(const HoosResponses& responses);

}  // namespace rp::instruments
