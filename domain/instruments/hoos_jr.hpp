#pragma once
// HOOS JR: six HOOS items (pain P5 stairs, P10 uneven surface; function A3 rising
// from sitting, A5 bending to floor, A12 lying in bed, A14 sitting), raw sum 0–24
// converted to an interval score 0–100 (100 = perfect hip health) by the HSS table
// (Lyman et al. 2016). Some FHIR implementation guides embed a different table
// (1 → 93.239, ...); that one is wrong and is not used here.
// All six items are required: no published missing-item rule exists and the table
// presupposes six answers (a design decision, not a published rule).
#include <array>
#include <optional>
#include <string_view>

#include "domain/instruments/hoos.hpp"

namespace rp::instruments {

inline constexpr std::array<std::string_view, 6> kHoosJrItemIds{"P5", "P10", "A3", "A5", "A12", "A14"};

struct HoosJrScore {
  int raw;          // 0–24, 0 = no problems
  double interval;  // 0–100, 100 = no problems
};

// The HSS raw → interval table. Throws InputError for raw outside 0–24.
double hoos_jr_interval(int raw);

// Null unless all six items are answered.
std::optional<HoosJrScore> score_hoos_jr(const HoosResponses& responses);

}  // namespace rp::instruments
