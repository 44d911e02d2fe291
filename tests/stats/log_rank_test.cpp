// Log-rank mechanics. The statistic, p and expected counts are cases in
// tests/cases/statistics/log-rank.yaml, whose numbers the R peer checks are R's.
#include "stats/log_rank.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rp::stats {
namespace {

TEST(LogRank, VarianceMatrixOfTwoGroups) {
  // A dies at 1 and 3, B at 2 and 4: variance 3/12 * 2 * 1/2 + 2/6 * 1 * 2/3 + 1/2 * 1 * 1/2
  // = 13/18, and the matrix's rows add up to zero.
  const std::vector<double> time{1, 3, 2, 4};
  const std::vector<int> event{1, 1, 1, 1};
  const std::vector<int> group{0, 0, 1, 1};
  const LogRank lr = log_rank(SortedSurvival(time, event, group, 2));
  EXPECT_NEAR(lr.variance[0], 13.0 / 18, 1e-15);
  EXPECT_NEAR(lr.variance[1], -13.0 / 18, 1e-15);
  EXPECT_DOUBLE_EQ(lr.expected[0] + lr.expected[1], 4);  // the expected counts add up to the 4 deaths
}

}  // namespace
}  // namespace rp::stats
