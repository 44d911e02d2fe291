// OMERACT-OARSI responder: high (pain or function ≥ 50 % and ≥ 20) or moderate (two of
// pain, function, global ≥ 20 % and ≥ 10); 0–100, higher = worse.
#include <gtest/gtest.h>

#include "domain/instruments/responder.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::error_field;

OarsiThresholds published() {
  OarsiThresholds t;
  t.high_relative = 0.5;
  t.high_absolute = 20;
  t.moderate_relative = 0.2;
  t.moderate_absolute = 10;
  t.moderate_min_domains = 2;
  return t;
}

OarsiResult judge(OarsiDomains b, OarsiDomains f) { return oarsi_responder(b, f, published()); }

TEST(ResponderOarsi, HighPainAtExactlyFiftyPercentAndTwentyPoints) {
  const OarsiResult r = judge({40, 50, 50}, {20, 50, 50});
  EXPECT_TRUE(r.responder);
  EXPECT_EQ(r.criterion, OarsiCriterion::high);
}

TEST(ResponderOarsi, HighFunctionAlone) {
  EXPECT_EQ(judge({50, 60, 50}, {50, 30, 50}).criterion, OarsiCriterion::high);
}

TEST(ResponderOarsi, HighNeedsBothRelativeAndAbsolute) {
  // 30 → 12: 60 % but 18 points; then 90 → 65: 25 points but 28 %. Each alone is one
  // moderate domain only, so neither is a responder.
  EXPECT_FALSE(judge({30, 50, 50}, {12, 50, 50}).responder);
  EXPECT_FALSE(judge({90, 50, 50}, {65, 50, 50}).responder);
  // 40 → 20.5: 19.5 points, 48.75 %.
  EXPECT_FALSE(judge({40, 50, 50}, {20.5, 50, 50}).responder);
}

TEST(ResponderOarsi, ModerateAtExactlyTwentyPercentAndTenPointsInTwoDomains) {
  const OarsiResult r = judge({50, 50, 50}, {40, 50, 40});
  EXPECT_TRUE(r.responder);
  EXPECT_EQ(r.criterion, OarsiCriterion::moderate);
  EXPECT_EQ(judge({50, 50, 50}, {40, 40, 50}).criterion, OarsiCriterion::moderate);
  EXPECT_EQ(judge({50, 50, 50}, {50, 40, 40}).criterion, OarsiCriterion::moderate);
}

TEST(ResponderOarsi, ModerateNeedsTwoDomains) {
  EXPECT_FALSE(judge({50, 50, 50}, {40, 50, 50}).responder);
  EXPECT_FALSE(judge({50, 50, 50}, {40.5, 50, 40}).responder);  // pain 9.5 points
}

TEST(ResponderOarsi, ModerateNeedsTwentyPercent) {
  // 80 → 70 is 10 points but 12.5 %.
  EXPECT_FALSE(judge({80, 80, 50}, {70, 70, 50}).responder);
  // 60 → 48 is 12 points and exactly 20 %.
  EXPECT_EQ(judge({60, 60, 50}, {48, 48, 50}).criterion, OarsiCriterion::moderate);
}

TEST(ResponderOarsi, DecimalBoundaryIsNotLostToRounding) {
  // 50.3 → 40.24 is exactly 20 % and 10.06 points; in binary floating point the
  // difference is 10.059999999999995 while 0.2 × 50.3 is 10.06.
  EXPECT_EQ(judge({50.3, 50, 50.3}, {40.24, 50, 40.24}).criterion, OarsiCriterion::moderate);
}

TEST(ResponderOarsi, BaselineZeroCannotRespond) {
  EXPECT_FALSE(judge({0, 0, 0}, {0, 0, 0}).responder);
  // Global at 0 cannot be the second moderate domain.
  EXPECT_FALSE(judge({50, 50, 0}, {40, 50, 0}).responder);
  EXPECT_FALSE(improved_by(0, 0, 0.2, 10));
}

TEST(ResponderOarsi, WorseningIsNotAResponse) { EXPECT_FALSE(judge({40, 40, 40}, {80, 80, 80}).responder); }

TEST(ResponderOarsi, HighWinsOverModerate) {
  EXPECT_EQ(judge({60, 60, 60}, {10, 10, 10}).criterion, OarsiCriterion::high);
}

TEST(ResponderOarsi, ValuesMustBeOnTheHundredPointScale) {
  EXPECT_EQ(error_field([] { validate_oarsi_domains({101, 0, 0}, "baseline"); }), "baseline.pain");
  EXPECT_EQ(error_field([] { validate_oarsi_domains({0, -1, 0}, "followup"); }), "followup.function");
  EXPECT_EQ(error_field([] { validate_oarsi_domains({0, 0, 100.5}, "followup"); }), "followup.global");
  EXPECT_EQ(error_field([] { validate_oarsi_domains({0, 100, 0}, "baseline"); }), "<no error>");
}

}  // namespace
}  // namespace rp::instruments
