#include "stats/interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "base/error.hpp"

namespace rp::stats {
namespace {

const double kZ = 1.959963984540054;  // qnorm(0.975)

TEST(Wilson, ScoreIntervalByFormula) {
  // 5 of 10: centred on 1/2, half-width z sqrt(p q / n + z^2 / 4n^2) / (1 + z^2 / n).
  const Interval ci = wilson(5, 10);
  const double half = kZ * std::sqrt(0.025 + kZ * kZ / 400) / (1 + kZ * kZ / 10);
  EXPECT_DOUBLE_EQ(ci.estimate, 0.5);
  EXPECT_NEAR(ci.lower, 0.5 - half, 1e-15);
  EXPECT_NEAR(ci.upper, 0.5 + half, 1e-15);
}

TEST(Wilson, ClampsAtTheEnds) {
  EXPECT_EQ(wilson(0, 20).lower, 0.0);
  EXPECT_EQ(wilson(20, 20).upper, 1.0);
  EXPECT_NEAR(wilson(0, 20).upper, kZ * kZ / 20 / (1 + kZ * kZ / 20), 1e-15);
}

TEST(ClopperPearson, ClosedFormsAtTheEnds) {
  // With 0 successes the upper limit solves (1 - p)^n = 0.025; with n successes p^n = 0.025.
  EXPECT_EQ(clopper_pearson(0, 10).lower, 0.0);
  EXPECT_NEAR(clopper_pearson(0, 10).upper, 1 - std::pow(0.025, 0.1), 1e-15);
  EXPECT_NEAR(clopper_pearson(10, 10).lower, std::pow(0.025, 0.1), 1e-15);
  EXPECT_EQ(clopper_pearson(10, 10).upper, 1.0);
}

TEST(Proportion, RejectsImpossibleCounts) {
  try {
    wilson(11, 10);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "successes");
  }
  EXPECT_THROW(clopper_pearson(0, 0), InputError);
  EXPECT_THROW(clopper_pearson(-1, 5), InputError);
}

TEST(MeanCi, OneSampleT) {
  // 1..5: mean 3, sd sqrt(2.5), se sqrt(0.5); qt(0.975, 4) = 2.7764451051977934.
  const std::vector<double> x{1, 2, 3, 4, 5};
  const Interval ci = mean_ci(x);
  EXPECT_DOUBLE_EQ(ci.estimate, 3);
  EXPECT_NEAR(ci.upper - 3, 2.7764451051977934 * std::sqrt(0.5), 1e-13);
  EXPECT_NEAR(3 - ci.lower, 2.7764451051977934 * std::sqrt(0.5), 1e-13);
}

TEST(MeanCi, PairedChangeIsAfterMinusBefore) {
  const std::vector<double> before{7, 8, 6};
  const std::vector<double> after{4, 6, 5};  // changes -3, -2, -1
  const Interval ci = mean_change_ci(before, after);
  EXPECT_DOUBLE_EQ(ci.estimate, -2);
  // With 2 df the t quantile has a closed form: (2p - 1) / sqrt(2 p (1 - p)).
  const double t2 = 0.95 / std::sqrt(2 * 0.975 * 0.025);
  EXPECT_NEAR(ci.upper + 2, t2 * std::sqrt(1.0 / 3), 1e-13);
  EXPECT_THROW(mean_ci(std::vector<double>{1}), InputError);
}

}  // namespace
}  // namespace rp::stats
