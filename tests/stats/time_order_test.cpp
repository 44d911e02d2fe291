// Ordering by counting (stats/time_order.hpp), and the fits that use it: whole-day times
// are counted, any other times sorted, and both give the same figures.
#include "stats/time_order.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "stats/cox.hpp"
#include "stats/cox_expected.hpp"
#include "stats/kaplan_meier.hpp"
#include "stats/log_rank.hpp"
#include "stats/survival_data.hpp"

namespace rp::stats {
namespace {

TEST(TimeOrder, CountsWholeDaysAndLeavesAnyOtherTimeToASort) {
  EXPECT_EQ(whole_time_range(std::vector<double>{3, 0, 7, 7}), 8u);
  EXPECT_EQ(whole_time_range(std::vector<double>{}), 1u);
  EXPECT_FALSE(whole_time_range(std::vector<double>{3, 0.5}));
  EXPECT_FALSE(whole_time_range(std::vector<double>{3, -1}));
  EXPECT_FALSE(whole_time_range(std::vector<double>{3, std::nan("")}));
  EXPECT_FALSE(whole_time_range(std::vector<double>{std::numeric_limits<double>::infinity()}));
  EXPECT_FALSE(whole_time_range(std::vector<double>{1e12}));  // a table that large is not affordable
}

TEST(TimeOrder, TiesKeepTheirInputOrder) {
  const std::vector<std::size_t> key{2, 0, 2, 1, 0, 2};
  const auto order = counting_order(key.size(), 3, [&](std::size_t i) { return key[i]; });
  EXPECT_EQ(order, (std::vector<std::size_t>{1, 4, 3, 0, 2, 5}));
}

// Whole days, many tied, two groups and a covariate: the registry's shape in small.
struct Days {
  std::vector<double> time;
  std::vector<int> event, group;
  std::vector<double> x;
};

Days days(std::size_t n) {
  std::mt19937 random(7);
  Days d;
  for (std::size_t i = 0; i < n; ++i) {
    d.time.push_back(static_cast<double>(random() % 60));
    d.event.push_back(random() % 3 == 0 ? 1 : 0);
    d.group.push_back(static_cast<int>(random() % 2));
    d.x.push_back(static_cast<double>(random() % 2));
  }
  return d;
}

// The same observations with every time moved by a half: the order of the times, and so
// every figure, is unchanged, but they are no longer whole and are sorted, not counted.
std::vector<double> halved(const std::vector<double>& time) {
  std::vector<double> out;
  for (const double t : time) out.push_back(t + 0.5);
  return out;
}

TEST(TimeOrder, CountedAndSortedTimesGiveTheSameFigures) {
  const Days d = days(2000);
  const std::vector<double> moved = halved(d.time);
  ASSERT_TRUE(whole_time_range(d.time));
  ASSERT_FALSE(whole_time_range(moved));

  const SortedSurvival counted(d.time, d.event, d.group, 2), sorted(moved, d.event, d.group, 2);
  const auto curves = kaplan_meier_by_group(counted), sorted_curves = kaplan_meier_by_group(sorted);
  for (std::size_t g = 0; g < 2; ++g) {
    EXPECT_EQ(curves[g].n_risk, sorted_curves[g].n_risk);
    EXPECT_EQ(curves[g].n_event, sorted_curves[g].n_event);
    EXPECT_EQ(curves[g].surv, sorted_curves[g].surv);
  }
  EXPECT_DOUBLE_EQ(log_rank(counted).chisq, log_rank(sorted).chisq);

  const CoxFit fit = cox_ph(d.time, d.event, {d.x}), sorted_fit = cox_ph(moved, d.event, {d.x});
  ASSERT_TRUE(fit.converged);
  EXPECT_EQ(fit.coef, sorted_fit.coef);
  EXPECT_EQ(fit.loglik, sorted_fit.loglik);
  EXPECT_EQ(cox_expected_events(d.time, d.event, {d.x}, fit), cox_expected_events(moved, d.event, {d.x}, sorted_fit));
}

}  // namespace
}  // namespace rp::stats
