// The registry's comparison statistics where the answer is known by hand; the R peer
// (tests/peers/r_registry.R) checks them against glm, qbinom/qpois and the CUSUM recursion.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "base/error.hpp"
#include "stats/cox.hpp"
#include "stats/cox_expected.hpp"
#include "stats/cusum.hpp"
#include "stats/funnel.hpp"
#include "stats/logistic.hpp"
#include "stats/standardisation.hpp"

namespace rp::stats {
namespace {

TEST(Logistic, OneBinaryCovariateIsTheLogOddsRatioOfTheTwoByTwoTable) {
  // x = 0: 3 of 10 respond; x = 1: 6 of 8. The saturated model reproduces the table:
  // intercept log(3/7), slope log((6/2) / (3/7)), se sqrt(1/3 + 1/7 + 1/6 + 1/2).
  std::vector<int> y;
  std::vector<double> x;
  for (int i = 0; i < 10; ++i) y.push_back(i < 3), x.push_back(0);
  for (int i = 0; i < 8; ++i) y.push_back(i < 6), x.push_back(1);
  const LogisticFit fit = logistic_regression(y, {x});
  ASSERT_TRUE(fit.converged);
  EXPECT_NEAR(fit.coef[0], std::log(3.0 / 7.0), 1e-9);
  EXPECT_NEAR(fit.coef[1], std::log(3.0 / (3.0 / 7.0)), 1e-9);
  // As in R, the covariance comes from the last iteration's weights, a step behind the
  // estimate: close to the table's, not equal.
  EXPECT_NEAR(fit.se[1], std::sqrt(1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 2), 1e-5);
  EXPECT_NEAR(fit.fitted[0], 0.3, 1e-9);
  EXPECT_NEAR(fit.fitted[17], 0.75, 1e-9);
  EXPECT_NEAR(logistic_predict(fit, std::vector<double>{1.0}), 0.75, 1e-9);
  EXPECT_EQ(fit.rank, 2);
  EXPECT_FALSE(fit.fitted_at_boundary);
}

TEST(Logistic, AnAliasedCovariateIsNaNAndTheRestStillFit) {
  std::vector<int> y{0, 1, 0, 1, 1, 0, 1, 0, 1, 1};
  std::vector<double> x{1, 2, 2, 3, 4, 1, 5, 2, 3, 1};
  std::vector<double> twice(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) twice[i] = 2 * x[i];
  const LogisticFit fit = logistic_regression(y, {x, twice});
  EXPECT_EQ(fit.rank, 2);
  EXPECT_TRUE(std::isnan(fit.coef[2]));
  const LogisticFit alone = logistic_regression(y, {x});
  EXPECT_NEAR(fit.coef[1], alone.coef[1], 1e-9);
}

TEST(Logistic, SeparatedOutcomesAreFlagged) {
  const std::vector<int> y{0, 0, 0, 1, 1, 1};
  const std::vector<double> x{1, 2, 3, 4, 5, 6};
  EXPECT_TRUE(logistic_regression(y, {x}).fitted_at_boundary);
}

TEST(Logistic, RefusesWhatItCannotFitNamingTheColumn) {
  const std::vector<double> x{1, 2, 3};
  try {
    logistic_regression(std::vector<int>{0, 2, 1}, {x});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "outcome");
  }
  EXPECT_THROW(logistic_regression(std::vector<int>{1, 1, 1}, {x}), InputError);
  EXPECT_THROW(logistic_regression(std::vector<int>{0, 1}, {x}), InputError);
  const std::vector<double> bad{1, NAN, 3};
  EXPECT_THROW(logistic_regression(std::vector<int>{0, 1, 1}, {bad}), InputError);
}

TEST(Funnel, LimitsNarrowAroundTheTargetAsUnitsGrow) {
  double last_width = 2;
  for (const std::int64_t n : {5, 20, 80, 320, 1280}) {
    const FunnelLimits inner = binomial_funnel(0.4, n, 0.95);
    const FunnelLimits outer = binomial_funnel(0.4, n, 0.998);
    EXPECT_LE(outer.lower, inner.lower);
    EXPECT_LT(inner.lower, 0.4);
    EXPECT_GT(inner.upper, 0.4);
    EXPECT_GE(outer.upper, inner.upper);
    EXPECT_LT(inner.upper - inner.lower, last_width);
    last_width = inner.upper - inner.lower;
  }
  // Large n: close to the normal approximation target +- 1.96 sqrt(p(1-p)/n).
  const FunnelLimits big = binomial_funnel(0.4, 100000, 0.95);
  EXPECT_NEAR(big.upper, 0.4 + 1.959964 * std::sqrt(0.24 / 100000), 2e-5);
}

TEST(Funnel, ASmallUnitsLowerLimitStopsAtZero) {
  EXPECT_EQ(binomial_funnel(0.05, 3, 0.998).lower, 0.0);
  EXPECT_EQ(poisson_funnel(0.2, 0.998).lower, 0.0);
  EXPECT_THROW(binomial_funnel(1.0, 10, 0.95), InputError);
  EXPECT_THROW(poisson_funnel(0, 0.95), InputError);
  EXPECT_THROW(poisson_funnel(3, 1.0), InputError);
}

TEST(Standardisation, ObservedOverExpectedPerUnit) {
  const std::vector<int> unit{0, 0, 1, 1, 1};
  const std::vector<double> observed{1, 1, 0, 1, 0};
  const std::vector<double> expected{0.5, 0.5, 0.8, 0.6, 0.6};
  const auto units = indirect_standardisation(unit, 2, observed, expected);
  ASSERT_EQ(units.size(), 2U);
  EXPECT_EQ(units[0].n, 2);
  EXPECT_DOUBLE_EQ(units[0].ratio, 2.0);
  EXPECT_DOUBLE_EQ(units[1].expected, 2.0);
  EXPECT_DOUBLE_EQ(units[1].ratio, 0.5);
  EXPECT_DOUBLE_EQ(units[1].adjusted_rate, 0.5 * 3.0 / 5.0);
  EXPECT_LT(units[0].inner.lower, 1.0);
  EXPECT_GT(units[0].inner.upper, 1.0);
  EXPECT_THROW(indirect_standardisation(std::vector<int>{2}, 2, std::vector<double>{1}, std::vector<double>{1}),
               InputError);
}

TEST(CoxExpected, WithoutCovariateEffectItIsTheNelsonAalenHazardAtEachTime) {
  // x has no effect (beta = 0 exactly, by symmetry): every score is 1, and an observation
  // censored at t expects the Nelson-Aalen cumulative hazard at t. Times 1..4, deaths at
  // 1 and 3: H(2) = 1/4, H(4) = 1/4 + 1/2.
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<int> event{1, 0, 1, 0};
  const std::vector<double> x{0, 1, 1, 0};
  const CoxFit fit = cox_ph(time, event, {x});
  ASSERT_NEAR(fit.coef[0], 0.0, 1e-12);
  const auto e = cox_expected_events(time, event, {x}, fit);
  EXPECT_NEAR(e[1], 0.25, 1e-12);
  EXPECT_NEAR(e[3], 0.75, 1e-12);
}

TEST(CoxExpected, TiedDeathsShareTheirStepAndTheTotalIsTheEvents) {
  // At the estimate the martingale residuals sum to 0: expected events sum to the events.
  const std::vector<double> time{1, 2, 2, 2, 3, 4, 4, 5, 6, 6};
  const std::vector<int> event{1, 1, 1, 0, 0, 1, 1, 0, 1, 0};
  const std::vector<double> x{0.5, 1, 0, 1, 0.2, 0, 1, 0.7, 0.1, 1};
  const CoxFit fit = cox_ph(time, event, {x});
  const auto e = cox_expected_events(time, event, {x}, fit);
  double total = 0;
  for (const double v : e) total += v;
  EXPECT_NEAR(total, 6.0, 1e-8);
  // A death in a tie expects less than a censored observation with its score at that time.
  EXPECT_LT(e[1] / std::exp(fit.coef[0] * x[1]), e[3] / std::exp(fit.coef[0] * x[3]));
}

TEST(Cusum, FailuresAbovePredictionClimbAndSignal) {
  // Predicted risk 0.1 each; a run of failures climbs by log 2 - log 1.1 each.
  const std::vector<int> failure{0, 1, 1, 1, 1, 1, 1, 1, 1, 0};
  const std::vector<double> risk(failure.size(), 0.1);
  CusumOptions options;
  options.threshold = 4.0;
  const Cusum c = bernoulli_cusum(failure, risk, options);
  const double up = std::log(2.0) - std::log(1.1);
  EXPECT_DOUBLE_EQ(c.value[0], 0.0);
  EXPECT_NEAR(c.value[1], up, 1e-12);
  ASSERT_EQ(c.signals.size(), 1U);
  EXPECT_EQ(c.signals[0], 7U);         // 7 x up = 4.18 >= 4
  EXPECT_NEAR(c.value[8], up, 1e-12);  // restarted from 0 after the signal
  EXPECT_THROW(bernoulli_cusum(failure, std::vector<double>(failure.size(), 1.0), options), InputError);
  options.odds_ratio = 1;
  EXPECT_THROW(bernoulli_cusum(failure, risk, options), InputError);
}

}  // namespace
}  // namespace rp::stats
