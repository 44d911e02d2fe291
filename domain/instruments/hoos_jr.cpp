#include "domain/instruments/hoos_jr.hpp"

#include <string>

#include "base/error.hpp"

namespace rp::instruments {
namespace {

// HSS / Lyman 2016, indexed by raw score (clinical-facts §2.2; strictly decreasing).
constexpr std::array<double, 25> kIntervalByRaw{
    100.000, 92.340, 85.257, 80.550, 76.776, 73.472, 70.426, 67.516, 64.664, 61.815, 58.930, 55.985, 52.965,
    49.858,  46.652, 43.335, 39.902, 36.363, 32.735, 29.009, 25.103, 20.805, 15.633, 8.104,  0.000,
};

}  // namespace

double hoos_jr_interval(int raw) {
  if (raw < 0 || raw > 24) throw InputError("raw", "hoos_jr_raw_range"_err, {{"raw", std::to_string(raw)}});
  return kIntervalByRaw[static_cast<std::size_t>(raw)];
}

std::optional<HoosJrScore> score_hoos_jr(const HoosResponses& responses) {
  int raw = 0;
  for (std::string_view id : kHoosJrItemIds) {
    const auto& item = responses[*hoos_item_index(id)];
    if (!item) return std::nullopt;
    raw += *item;
  }
  return HoosJrScore{raw, hoos_jr_interval(raw)};
}

}  // namespace rp::instruments
