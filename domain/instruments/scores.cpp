#include "domain/instruments/scores.hpp"

#include <stdexcept>

namespace rp::instruments {

const ScoreValue& Scores::at(std::string_view name) const {
  for (const auto& [n, v] : values) {
    if (n == name) return v;
  }
  throw std::out_of_range("no score named '" + std::string(name) + "'");
}

}  // namespace rp::instruments
