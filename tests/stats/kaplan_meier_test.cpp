// Kaplan–Meier on cases small enough to work by hand (the arithmetic is in the comments).
#include "stats/kaplan_meier.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "base/error.hpp"

namespace rp::stats {
namespace {

const double kZ = 1.959963984540054;  // qnorm(0.975)

// Times 1, 2, 2+, 3, 4: at risk 5, 4, 2, 1; S = 4/5, 3/5, 3/10, 0.
struct Small : ::testing::Test {
  std::vector<double> time{1, 2, 2, 3, 4};
  std::vector<int> event{1, 1, 0, 1, 1};
};

TEST_F(Small, SurvivalAndGreenwood) {
  const KaplanMeier km = kaplan_meier(time, event);
  ASSERT_EQ(km.time, (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(km.n_risk, (std::vector<std::int64_t>{5, 4, 2, 1}));
  EXPECT_EQ(km.n_censor, (std::vector<std::int64_t>{0, 1, 0, 0}));
  EXPECT_DOUBLE_EQ(km.surv[0], 0.8);
  EXPECT_DOUBLE_EQ(km.surv[1], 0.6);
  EXPECT_DOUBLE_EQ(km.surv[2], 0.3);
  EXPECT_EQ(km.surv[3], 0.0);
  // Greenwood on the log scale: 1/(5*4), + 1/(4*3), + 1/(2*1); infinite when all fail.
  EXPECT_DOUBLE_EQ(km.std_err[0], std::sqrt(1.0 / 20));
  EXPECT_DOUBLE_EQ(km.std_err[1], std::sqrt(1.0 / 20 + 1.0 / 12));
  EXPECT_DOUBLE_EQ(km.std_err[2], std::sqrt(1.0 / 20 + 1.0 / 12 + 1.0 / 2));
  EXPECT_TRUE(std::isinf(km.std_err[3]));
  EXPECT_EQ(km.n, 5);
  EXPECT_EQ(km.events, 4);
}

TEST_F(Small, LogIntervalIsClippedAtOneAndMissingAtZero) {
  const KaplanMeier km = kaplan_meier(time, event);
  const double se = std::sqrt(1.0 / 20);
  EXPECT_NEAR(km.lower[0], 0.8 * std::exp(-kZ * se), 1e-14);
  EXPECT_EQ(km.upper[0], 1.0);  // 0.8 * exp(1.96 * 0.22) > 1
  EXPECT_TRUE(std::isnan(km.lower[3]));
  EXPECT_TRUE(std::isnan(km.upper[3]));
}

TEST_F(Small, LogLogAndPlainIntervals) {
  const double se = std::sqrt(1.0 / 20 + 1.0 / 12);
  const KaplanMeier ll = kaplan_meier(time, event, {ConfType::log_log, 0.95});
  const double shift = kZ * se / std::log(0.6);
  EXPECT_NEAR(ll.lower[1], std::exp(-std::exp(std::log(-std::log(0.6)) - shift)), 1e-14);
  EXPECT_NEAR(ll.upper[1], std::exp(-std::exp(std::log(-std::log(0.6)) + shift)), 1e-14);
  const KaplanMeier plain = kaplan_meier(time, event, {ConfType::plain, 0.95});
  EXPECT_NEAR(plain.lower[1], 0.6 - kZ * se * 0.6, 1e-14);
  EXPECT_EQ(plain.upper[1], std::min(1.0, 0.6 + kZ * se * 0.6));
  EXPECT_EQ(plain.lower[2], 0.0);  // 0.3 - 1.96 * 0.24 < 0: clipped like R's pmax
}

TEST_F(Small, ReadAtTimesLikeSummarySurvfit) {
  const KaplanMeier km = kaplan_meier(time, event);
  const std::vector<double> at{5, 2.5, 0, 0.5, 1};
  const auto pts = km_at(km, at);
  ASSERT_EQ(pts.size(), 5u);
  // Sorted: 0, 0.5, 1, 2.5, 5.
  EXPECT_EQ(pts[0].time, 0);
  EXPECT_EQ(pts[0].surv, 1);
  EXPECT_EQ(pts[0].std_err, 0);
  EXPECT_EQ(pts[0].n_risk, 5);
  EXPECT_EQ(pts[1].n_risk, 5);
  EXPECT_DOUBLE_EQ(pts[2].surv, 0.8);
  EXPECT_DOUBLE_EQ(pts[2].std_err, 0.8 * std::sqrt(1.0 / 20));  // the std.err of S(t)
  EXPECT_EQ(pts[2].n_risk, 5);
  EXPECT_DOUBLE_EQ(pts[3].surv, 0.6);
  EXPECT_EQ(pts[3].n_risk, 2);  // at risk at 2.5: the subjects with times 3 and 4
  EXPECT_TRUE(pts[4].beyond_follow_up);
  EXPECT_EQ(pts[4].n_risk, 0);
  EXPECT_TRUE(std::isnan(pts[4].surv));
}

TEST_F(Small, StdErrIsMissingOnceTheCurveIsZero) {
  const auto pts = km_at(kaplan_meier(time, event), std::vector<double>{4});
  EXPECT_EQ(pts[0].surv, 0);
  EXPECT_TRUE(std::isnan(pts[0].std_err));  // R prints NaN (Inf * 0)
  EXPECT_FALSE(pts[0].beyond_follow_up);
}

TEST(KmMedian, FirstTimeAtOrBelowHalf) {
  const std::vector<double> time{1, 2, 2, 3, 4};
  const std::vector<int> event{1, 1, 0, 1, 1};
  EXPECT_EQ(km_median(kaplan_meier(time, event)).median, 3);  // S: .8 .6 .3 0
}

TEST(KmMedian, MidpointWhereCurveIsExactlyHalf) {
  // S = 3/4, 1/2 (from 2 until 5), 1/4, 0: R takes (2 + 5) / 2.
  const std::vector<double> time{1, 2, 5, 6};
  const std::vector<int> event{1, 1, 1, 1};
  EXPECT_EQ(km_median(kaplan_meier(time, event)).median, 3.5);
}

TEST(KmMedian, FlatHalfToTheEndIsTheFirstTime) {
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<int> event{1, 1, 0, 0};
  EXPECT_EQ(km_median(kaplan_meier(time, event)).median, 2);
}

TEST(KmMedian, NotReached) {
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<int> event{1, 0, 0, 0};
  const MedianCi m = km_median(kaplan_meier(time, event));
  EXPECT_TRUE(std::isnan(m.median));
  EXPECT_TRUE(std::isnan(m.upper));
}

TEST(KmGroups, OneCurvePerGroupFromOneSort) {
  const std::vector<double> time{5, 1, 3, 2, 4, 6};
  const std::vector<int> event{1, 1, 0, 1, 1, 0};
  const std::vector<int> group{1, 0, 0, 1, 0, 1};
  const auto curves = kaplan_meier_by_group(SortedSurvival(time, event, group, 2), {});
  ASSERT_EQ(curves.size(), 2u);
  EXPECT_EQ(curves[0].time, (std::vector<double>{1, 3, 4}));
  EXPECT_EQ(curves[1].time, (std::vector<double>{2, 5, 6}));
  EXPECT_DOUBLE_EQ(curves[0].surv.back(), 2.0 / 3 * 0.0);
  EXPECT_DOUBLE_EQ(curves[1].surv[1], 2.0 / 3 * 1.0 / 2);
}

TEST(KmGroups, PooledTableEqualsUngroupedCurve) {
  const std::vector<double> time{5, 1, 3, 2, 4, 6, 3};
  const std::vector<int> event{1, 1, 0, 1, 1, 0, 1};
  const std::vector<int> group{1, 0, 0, 1, 0, 1, 1};
  const KaplanMeier pooled = kaplan_meier(pooled_table(SortedSurvival(time, event, group, 2)));
  const KaplanMeier direct = kaplan_meier(time, event);
  EXPECT_EQ(pooled.time, direct.time);
  EXPECT_EQ(pooled.n_risk, direct.n_risk);
  EXPECT_EQ(pooled.surv, direct.surv);
}

TEST(KmInput, RejectsNegativeTimeAndBadEvent) {
  const std::vector<double> bad_time{1, -2};
  const std::vector<int> ok_event{1, 0};
  EXPECT_THROW(kaplan_meier(bad_time, ok_event), InputError);
  const std::vector<double> ok_time{1, 2};
  const std::vector<int> bad_event{1, 2};
  try {
    kaplan_meier(ok_time, bad_event);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "event");
  }
}

}  // namespace
}  // namespace rp::stats
