#include "stats/log_rank.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "base/error.hpp"

namespace rp::stats {
namespace {

TEST(LogRank, TwoGroupsByHand) {
  // A dies at 1 and 3, B at 2 and 4. Expected for A: 2/4 + 1/3 + 1/2 + 0 = 4/3.
  // Variance: 3/12 * 2 * 1/2 + 2/6 * 1 * 2/3 + 1/2 * 1 * 1/2 = 13/18; chisq = (2/3)^2 / (13/18) = 8/13.
  const std::vector<double> time{1, 3, 2, 4};
  const std::vector<int> event{1, 1, 1, 1};
  const std::vector<int> group{0, 0, 1, 1};
  const LogRank lr = log_rank(SortedSurvival(time, event, group, 2));
  EXPECT_DOUBLE_EQ(lr.observed[0], 2);
  EXPECT_DOUBLE_EQ(lr.expected[0], 4.0 / 3);
  EXPECT_DOUBLE_EQ(lr.expected[1], 4 - 4.0 / 3);  // the expected counts add up to the 4 deaths
  EXPECT_NEAR(lr.variance[0], 13.0 / 18, 1e-15);
  EXPECT_NEAR(lr.variance[1], -13.0 / 18, 1e-15);
  EXPECT_NEAR(lr.chisq, 8.0 / 13, 1e-15);
  EXPECT_EQ(lr.df, 1);
  EXPECT_NEAR(lr.p, std::erfc(std::sqrt(8.0 / 13 / 2)), 1e-14);  // chi-square 1 df = squared normal
}

TEST(LogRank, GroupWithNoExpectedEventsLeavesTheTest) {
  // Group 2 is censored before the first event: expected 0, so df = 1 as survdiff reports.
  const std::vector<double> time{1, 3, 2, 4, 0.5};
  const std::vector<int> event{1, 1, 1, 1, 0};
  const std::vector<int> group{0, 0, 1, 1, 2};
  const LogRank lr = log_rank(SortedSurvival(time, event, group, 3));
  EXPECT_EQ(lr.expected[2], 0);
  EXPECT_EQ(lr.df, 1);
  EXPECT_NEAR(lr.chisq, 8.0 / 13, 1e-15);
}

TEST(LogRank, NeedsTwoGroups) {
  const std::vector<double> time{1, 2};
  const std::vector<int> event{1, 1};
  EXPECT_THROW(log_rank(SortedSurvival(time, event)), InputError);
}

}  // namespace
}  // namespace rp::stats
