// HOOS JR: six HOOS items, raw 0–24, HSS interval table; all six items required.
// The scored cases (the table's values) are in tests/cases/instruments/hoos-jr.yaml.
#include <gtest/gtest.h>

#include "domain/instruments/hoos_jr.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::error_field;

HoosResponses jr(int p5, int p10, int a3, int a5, int a12, int a14) {
  HoosResponses r;
  const int values[] = {p5, p10, a3, a5, a12, a14};
  for (std::size_t i = 0; i < kHoosJrItemIds.size(); ++i) r[*hoos_item_index(kHoosJrItemIds[i])] = values[i];
  return r;
}

TEST(InstrumentHoosJr, TableIsStrictlyDecreasing) {
  for (int raw = 1; raw <= 24; ++raw) EXPECT_LT(hoos_jr_interval(raw), hoos_jr_interval(raw - 1)) << raw;
}

TEST(InstrumentHoosJr, RawOutsideTheTableIsRejected) {
  EXPECT_EQ(error_field([] { hoos_jr_interval(-1); }), "raw");
  EXPECT_EQ(error_field([] { hoos_jr_interval(25); }), "raw");
}

TEST(InstrumentHoosJr, AnyMissingItemMeansNoScore) {
  for (std::string_view id : kHoosJrItemIds) {
    HoosResponses r = jr(1, 1, 1, 1, 1, 1);
    r[*hoos_item_index(id)] = std::nullopt;
    EXPECT_FALSE(score_hoos_jr(r)) << id;
  }
}

}  // namespace
}  // namespace rp::instruments
