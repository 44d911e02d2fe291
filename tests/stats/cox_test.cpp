#include "stats/cox.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "base/error.hpp"
#include "stats/log_rank.hpp"

namespace rp::stats {
namespace {

TEST(Cox, ThreeSubjectsByHand) {
  // x = 1 dies at 1 (risk set all three), x = 0 dies at 2 (risk set it and the x = 1 censored at 3).
  // L = u / (2u + 1) * 1 / (1 + u), u = exp(beta): the score vanishes at u^2 = 1/2.
  const std::vector<double> time{1, 2, 3};
  const std::vector<int> event{1, 1, 0};
  const std::vector<double> x{1, 0, 1};
  const CoxFit fit = cox_ph(time, event, {x});
  const double u = std::sqrt(0.5);
  EXPECT_NEAR(fit.coef[0], std::log(u), 1e-9);
  const double information = 2 * u / ((2 * u + 1) * (2 * u + 1)) + u / ((1 + u) * (1 + u));
  EXPECT_NEAR(fit.se[0], 1 / std::sqrt(information), 1e-8);
  EXPECT_NEAR(fit.loglik_null, -std::log(3.0) - std::log(2.0), 1e-14);
  EXPECT_NEAR(fit.loglik, std::log(u / (2 * u + 1) / (1 + u)), 1e-12);
  EXPECT_TRUE(fit.converged);
}

TEST(Cox, IdenticalTiedDeathsEachTakeTheirEfronShare) {
  // Three deaths at 1, two of them alike (x = 1, one cell of the fit), and x = 1 censored
  // at 2. With u = exp(beta) the risk set is 3u + 1 and the deaths' weight 2u + 1; Efron's
  // k-th death (k = 0, 1, 2) sees 3u + 1 - k (2u + 1) / 3, and the score
  // 2 - sum_k (3u - k 2u / 3) / (3u + 1 - k (2u + 1) / 3) vanishes at the estimate.
  const std::vector<double> time{1, 1, 1, 2};
  const std::vector<int> event{1, 1, 1, 0};
  const std::vector<double> x{1, 1, 0, 1};
  const CoxFit fit = cox_ph(time, event, {x});
  ASSERT_TRUE(fit.converged);
  const double u = std::exp(fit.coef[0]);
  double score = 2, loglik = 2 * fit.coef[0];
  for (int k = 0; k < 3; ++k) {
    const double denominator = 3 * u + 1 - k * (2 * u + 1) / 3;
    score -= (3 * u - k * 2 * u / 3) / denominator;
    loglik -= std::log(denominator);
  }
  EXPECT_NEAR(score, 0, 1e-8);
  EXPECT_NEAR(fit.loglik, loglik, 1e-12);
  EXPECT_EQ(fit.n, 4);
  EXPECT_EQ(fit.events, 3);
}

TEST(Cox, EfronTiesByHand) {
  // Deaths tied at 1 (x = 1 and x = 0), x = 0 censored at 2. Efron's denominators are
  // (u + 2) and (u + 2) - (u + 1) / 2, so the score 1 - u/(u+2) - u/(u+3) vanishes at u = sqrt(6).
  const std::vector<double> time{1, 1, 2};
  const std::vector<int> event{1, 1, 0};
  const std::vector<double> x{1, 0, 0};
  const CoxFit fit = cox_ph(time, event, {x});
  EXPECT_NEAR(fit.loglik_null, -std::log(3.0) - std::log(2.0), 1e-14);
  EXPECT_NEAR(fit.coef[0], 0.5 * std::log(6.0), 1e-9);
  EXPECT_NEAR(fit.hazard_ratio[0], std::sqrt(6.0), 1e-8);
}

TEST(Cox, ScoreTestEqualsLogRankWithoutTies) {
  const std::vector<double> time{2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
  const std::vector<int> event{1, 0, 1, 1, 1, 0, 1, 1, 0, 1};
  const std::vector<int> group{0, 1, 0, 1, 1, 0, 1, 0, 1, 1};
  const std::vector<double> x(group.begin(), group.end());
  const CoxFit fit = cox_ph(time, event, {x});
  const LogRank lr = log_rank(SortedSurvival(time, event, group, 2));
  EXPECT_NEAR(fit.score_chisq, lr.chisq, 1e-12);
}

TEST(Cox, RejectsDataWithoutEvents) {
  const std::vector<double> time{1, 2};
  const std::vector<int> event{0, 0};
  const std::vector<double> x{0, 1};
  EXPECT_THROW(cox_ph(time, event, {x}), InputError);
}

}  // namespace
}  // namespace rp::stats
