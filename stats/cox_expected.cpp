#include "stats/cox_expected.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/error.hpp"
#include "stats/time_order.hpp"

namespace rp::stats {

namespace {

// The expected events from each observation's risk score (its exp(x'beta) on centred
// covariates).
std::vector<double> expected_from_scores(std::span<const double> time, std::span<const int> event,
                                         std::vector<double> score);

}  // namespace

std::vector<double> cox_expected_events(std::span<const double> time, std::span<const int> event,
                                        const std::vector<std::span<const double>>& covariates, const CoxFit& fit) {
  const std::size_t n = time.size();
  if (event.size() != n) throw InputError("event", "event_time_lengths"_err);
  if (covariates.size() != fit.coef.size()) throw InputError("covariates", "covariate_required"_err);
  for (const auto& c : covariates)
    if (c.size() != n) throw InputError("covariates", "covariate_time_lengths"_err);

  // Risk scores from centred covariates, as the fit used: exp of a centred linear
  // predictor stays in range, and the scale cancels in score / risk-set sum.
  std::vector<double> score(n, 0.0);
  for (std::size_t j = 0; j < covariates.size(); ++j) {
    const auto& c = covariates[j];
    const double mean = std::accumulate(c.begin(), c.end(), 0.0) / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) score[i] += fit.coef[j] * (c[i] - mean);
  }
  for (double& s : score) s = std::exp(s);
  return expected_from_scores(time, event, std::move(score));
}

std::vector<double> cox_expected_events(std::span<const double> time, std::span<const int> event,
                                        const RowCells& patterns, const CoxFit& fit) {
  const std::size_t n = time.size();
  if (event.size() != n) throw InputError("event", "event_time_lengths"_err);
  if (patterns.width != fit.coef.size()) throw InputError("covariates", "covariate_required"_err);
  if (patterns.cell_of.size() != n) throw InputError("covariates", "covariate_time_lengths"_err);
  // The column form's sums, once per pattern: each mean added observation by observation
  // as a column's sum adds them, each score term by term in covariate order.
  std::vector<double> means(patterns.width, 0.0);
  for (const std::size_t g : patterns.cell_of)
    for (std::size_t j = 0; j < patterns.width; ++j) means[j] += patterns.row(g)[j];
  for (double& m : means) m /= static_cast<double>(n);
  std::vector<double> pattern_score(patterns.size(), 0.0);
  for (std::size_t g = 0; g < patterns.size(); ++g) {
    for (std::size_t j = 0; j < patterns.width; ++j) pattern_score[g] += fit.coef[j] * (patterns.row(g)[j] - means[j]);
    pattern_score[g] = std::exp(pattern_score[g]);
  }
  std::vector<double> score(n);
  for (std::size_t i = 0; i < n; ++i) score[i] = pattern_score[patterns.cell_of[i]];
  return expected_from_scores(time, event, std::move(score));
}

namespace {

std::vector<double> expected_from_scores(std::span<const double> time, std::span<const int> event,
                                         std::vector<double> score) {
  const std::size_t n = time.size();
  // The observations in time order, ties in input order: counted when the times are whole
  // days (stats/time_order.hpp), else a sort of (time, index) pairs, which gives the order
  // a stable sort of indices by time gives without reading the times at random on every
  // comparison.
  std::vector<std::size_t> order;
  if (const auto days = whole_time_range(time)) {
    order = counting_order(n, *days, [&](std::size_t i) { return static_cast<std::size_t>(time[i]); });
  } else {
    struct Keyed {
      double time;
      std::size_t i;
    };
    std::vector<Keyed> keyed(n);
    for (std::size_t i = 0; i < n; ++i) keyed[i] = {time[i], i};
    std::sort(keyed.begin(), keyed.end(),
              [](const Keyed& a, const Keyed& b) { return a.time < b.time || (a.time == b.time && a.i < b.i); });
    order.resize(n);
    for (std::size_t r = 0; r < n; ++r) order[r] = keyed[r].i;
  }

  // The risk set of each time: every observation with a time at or after it.
  std::vector<double> at_risk(n);
  double denom = 0;
  for (std::size_t r = n; r-- > 0;) {
    denom += score[order[r]];
    at_risk[r] = denom;
  }

  std::vector<double> expected(n, 0.0);
  double hazard = 0;  // baseline cumulative hazard so far
  for (std::size_t first = 0; first < n;) {
    std::size_t last = first;
    while (last + 1 < n && time[order[last + 1]] == time[order[first]]) ++last;
    int deaths = 0;
    double death_scores = 0;
    for (std::size_t r = first; r <= last; ++r) {
      deaths += event[order[r]];
      death_scores += event[order[r]] * score[order[r]];
    }
    const double risk_set = at_risk[first];
    double hazard_for_deaths = hazard;
    if (deaths == 1) {
      hazard += 1 / risk_set;
      hazard_for_deaths = hazard;
    } else if (deaths > 1) {
      // Efron: the k-th of d tied deaths sees the risk set less k/d of the deaths' scores;
      // each of the tied deaths was at risk for (1 - k/d) of that step.
      for (int k = 0; k < deaths; ++k) {
        const double down = static_cast<double>(k) / deaths;
        const double step = 1 / (risk_set - down * death_scores);
        hazard += step;
        hazard_for_deaths += (1 - down) * step;
      }
    }
    for (std::size_t r = first; r <= last; ++r) {
      const std::size_t i = order[r];
      expected[i] = score[i] * (event[i] == 1 ? hazard_for_deaths : hazard);
    }
    first = last + 1;
  }
  return expected;
}

}  // namespace
}  // namespace rp::stats
