// Kaplan–Meier mechanics. The estimates themselves (survival, limits, medians, groups)
// are cases in tests/cases/statistics/*.yaml, whose numbers the R peer checks are R's.
#include "stats/kaplan_meier.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace rp::stats {
namespace {

// Times 1, 2, 2+, 3, 4: at risk 5, 4, 2, 1; S = 4/5, 3/5, 3/10, 0.
struct Small : ::testing::Test {
  std::vector<double> time{1, 2, 2, 3, 4};
  std::vector<int> event{1, 1, 0, 1, 1};
};

// A row per distinct time, like a survfit object; the cumulative hazard's standard
// error is infinite once everyone has failed.
TEST_F(Small, TableRows) {
  const KaplanMeier km = kaplan_meier(time, event);
  ASSERT_EQ(km.time, (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(km.n_risk, (std::vector<std::int64_t>{5, 4, 2, 1}));
  EXPECT_EQ(km.n_censor, (std::vector<std::int64_t>{0, 1, 0, 0}));
  EXPECT_TRUE(std::isinf(km.std_err[3]));
}

TEST_F(Small, ReadAtTimesSortsThem) {
  const auto pts = km_at(kaplan_meier(time, event), std::vector<double>{5, 2.5, 0, 0.5, 1});
  ASSERT_EQ(pts.size(), 5u);
  EXPECT_EQ(pts[0].time, 0);
  EXPECT_EQ(pts[1].time, 0.5);
  EXPECT_EQ(pts[2].time, 1);
  EXPECT_EQ(pts[3].time, 2.5);
  EXPECT_EQ(pts[4].time, 5);
  EXPECT_TRUE(pts[4].beyond_follow_up);
  EXPECT_FALSE(pts[3].beyond_follow_up);
}

TEST(KmGroups, OneCurvePerGroupFromOneSort) {
  const std::vector<double> time{5, 1, 3, 2, 4, 6};
  const std::vector<int> event{1, 1, 0, 1, 1, 0};
  const std::vector<int> group{1, 0, 0, 1, 0, 1};
  const auto curves = kaplan_meier_by_group(SortedSurvival(time, event, group, 2), {});
  ASSERT_EQ(curves.size(), 2u);
  EXPECT_EQ(curves[0].time, (std::vector<double>{1, 3, 4}));
  EXPECT_EQ(curves[1].time, (std::vector<double>{2, 5, 6}));
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

}  // namespace
}  // namespace rp::stats
