// HOOS JR: six HOOS items, raw 0–24, HSS interval table; all six items required.
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

TEST(InstrumentHoosJr, TableEndPoints) {
  EXPECT_EQ(hoos_jr_interval(0), 100.000);
  EXPECT_EQ(hoos_jr_interval(24), 0.000);
  EXPECT_EQ(hoos_jr_interval(1), 92.340);
  EXPECT_EQ(hoos_jr_interval(23), 8.104);
}

TEST(InstrumentHoosJr, UsesTheHssTableNotTheFhirGuideOne) {
  // The ACCESS/PACIO FHIR examples give 57.985 for raw 10 and 50.760 for raw 12.
  EXPECT_EQ(hoos_jr_interval(10), 58.930);
  EXPECT_EQ(hoos_jr_interval(12), 52.965);
  EXPECT_EQ(hoos_jr_interval(2), 85.257);
  EXPECT_EQ(hoos_jr_interval(18), 32.735);
}

TEST(InstrumentHoosJr, TableIsStrictlyDecreasing) {
  for (int raw = 1; raw <= 24; ++raw) EXPECT_LT(hoos_jr_interval(raw), hoos_jr_interval(raw - 1)) << raw;
}

TEST(InstrumentHoosJr, RawOutsideTheTableIsRejected) {
  EXPECT_EQ(error_field([] { hoos_jr_interval(-1); }), "raw");
  EXPECT_EQ(error_field([] { hoos_jr_interval(25); }), "raw");
}

TEST(InstrumentHoosJr, ScoresTheSixItems) {
  // clinical-facts §14: 2,2,2,3,1,1 → raw 11 → 55.985.
  const auto s = score_hoos_jr(jr(2, 2, 2, 3, 1, 1));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->raw, 11);
  EXPECT_EQ(s->interval, 55.985);
  EXPECT_EQ(score_hoos_jr(jr(4, 4, 4, 4, 4, 4))->interval, 0.0);
  EXPECT_EQ(score_hoos_jr(jr(0, 0, 0, 0, 0, 0))->interval, 100.0);
}

TEST(InstrumentHoosJr, IgnoresOtherHoosItems) {
  HoosResponses r = jr(1, 1, 1, 1, 1, 1);
  r[*hoos_item_index("P1")] = 4;
  r[*hoos_item_index("A4")] = 4;
  EXPECT_EQ(score_hoos_jr(r)->raw, 6);
  EXPECT_EQ(score_hoos_jr(r)->interval, 70.426);
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
