// IMMPACT NRS reduction (≥ 30 %, ≥ 50 %) and HOOS Pain MCID.
#include <gtest/gtest.h>

#include "domain/instruments/responder.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::error_field;

ImmpactThresholds immpact() {
  ImmpactThresholds t;
  t.moderate_relative = 0.3;
  t.substantial_relative = 0.5;
  return t;
}

TEST(ResponderImmpact, ThirtyAndFiftyPercentBoundaries) {
  ImmpactResult r = immpact_nrs_response(10, 7, immpact());
  EXPECT_DOUBLE_EQ(*r.reduction, 0.3);
  EXPECT_TRUE(r.moderate);
  EXPECT_FALSE(r.substantial);

  r = immpact_nrs_response(10, 5, immpact());
  EXPECT_TRUE(r.moderate);
  EXPECT_TRUE(r.substantial);

  r = immpact_nrs_response(10, 8, immpact());
  EXPECT_FALSE(r.moderate);

  r = immpact_nrs_response(7, 5, immpact());  // 28.6 %
  EXPECT_FALSE(r.moderate);

  r = immpact_nrs_response(3, 2, immpact());  // 33.3 %
  EXPECT_TRUE(r.moderate);
  EXPECT_FALSE(r.substantial);

  r = immpact_nrs_response(2, 1, immpact());  // 50 %
  EXPECT_TRUE(r.substantial);
}

TEST(ResponderImmpact, BaselineZeroCannotRespond) {
  const ImmpactResult r = immpact_nrs_response(0, 0, immpact());
  EXPECT_FALSE(r.reduction);
  EXPECT_FALSE(r.moderate);
  EXPECT_FALSE(r.substantial);
}

TEST(ResponderImmpact, WorseningIsANegativeReduction) {
  const ImmpactResult r = immpact_nrs_response(4, 6, immpact());
  EXPECT_DOUBLE_EQ(*r.reduction, -0.5);
  EXPECT_FALSE(r.moderate);
}

TEST(ResponderImmpact, RejectsValuesOffTheScale) {
  EXPECT_EQ(error_field([] { immpact_nrs_response(11, 0, immpact()); }), "nrs_pain.baseline");
  EXPECT_EQ(error_field([] { immpact_nrs_response(5, -1, immpact()); }), "nrs_pain.followup");
}

TEST(ResponderHoosPainMcid, ImprovementIsFollowupMinusBaseline) {
  McidThreshold t;
  t.value = 24;
  McidResult m = hoos_pain_mcid(40, 64, t);
  EXPECT_EQ(m.improvement, 24);
  EXPECT_TRUE(m.met);
  m = hoos_pain_mcid(40, 63.9, t);
  EXPECT_FALSE(m.met);
  m = hoos_pain_mcid(64, 40, t);
  EXPECT_EQ(m.improvement, -24);
  EXPECT_FALSE(m.met);
  EXPECT_EQ(error_field([&] { hoos_pain_mcid(40, 101, t); }), "hoos_pain.followup");
}

}  // namespace
}  // namespace rp::instruments
