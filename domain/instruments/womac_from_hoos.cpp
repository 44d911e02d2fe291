#include "domain/instruments/womac_from_hoos.hpp"

#include <initializer_list>

namespace rp::instruments {
namespace {

// Raw sum over the named HOOS items, null if any is missing (WOMAC sums need every item).
std::optional<int> complete_sum(const HoosResponses& r, std::initializer_list<std::string_view> ids) {
  int sum = 0;
  for (std::string_view id : ids) {
    const auto& item = r[*hoos_item_index(id)];
    if (!item) return std::nullopt;
    sum += *item;
  }
  return sum;
}

}  // namespace

WomacScores score_womac_from_hoos(const HoosResponses& r) {
  WomacScores w;
  w.pain = complete_sum(r, {"P4", "P5", "P6", "P7", "P8"});
  w.stiffness = complete_sum(r, {"S4", "S5"});
  w.function = complete_sum(r, {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14",
                                "A15", "A16", "A17"});
  if (w.pain && w.stiffness && w.function) w.total = *w.pain + *w.stiffness + *w.function;
  return w;
}

}  // namespace rp::instruments
