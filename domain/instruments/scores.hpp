#pragma once
// The result of scoring one questionnaire: named values in a fixed order per
// instrument. A value is null (monostate) when the missing-item rule forbids a score.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/instruments/instrument_id.hpp"

namespace rp::instruments {

using ScoreValue = std::variant<std::monostate, std::int64_t, double, bool, std::string>;

struct Scores {
  InstrumentId instrument;
  std::vector<std::pair<std::string_view, ScoreValue>> values;

  void add(std::string_view name, ScoreValue value) { values.emplace_back(name, std::move(value)); }
  // Throws std::out_of_range for a name the instrument does not produce.
  const ScoreValue& at(std::string_view name) const;
};

}  // namespace rp::instruments
