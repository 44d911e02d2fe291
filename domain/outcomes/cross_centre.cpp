// The cross-centre (and by-operator) comparison from the case-mix models: observed and
// expected counts per unit, their funnel, and each operator's CUSUM.
#include "domain/outcomes/cross_centre.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "domain/outcomes/case_mix_models.hpp"
#include "stats/cusum.hpp"
#include "stats/standardisation.hpp"

namespace rp::outcomes {

std::string_view to_string(FitWarning w) {
  switch (w) {
    case FitWarning::too_few_events:
      return "too_few_events";
    case FitWarning::no_case_mix_variation:
      return "no_case_mix_variation";
    case FitWarning::not_converged:
      return "not_converged";
    case FitWarning::separation:
      return "separation";
  }
  return "?";
}

// The Persian sentences stay whole on their lines, out of clang-format's reach.
// clang-format off
LocalText fit_warning_text(FitWarning w) {
  switch (w) {
    case FitWarning::too_few_events:
      return {"Fewer than 10 events (or non-events): no model is fitted and no adjusted figure is given.",
              "کمتر از ۱۰ رخداد (یا عدم رخداد): مدلی برازش نشد و رقم تعدیل‌شده‌ای داده "
              "نمی‌شود."};
    case FitWarning::no_case_mix_variation:
      return {"Every joint has the same age band, KL grade and cell source: there is nothing to adjust for.",
              "همه مفصل‌ها گروه سنی، درجه KL و منبع سلولی یکسان دارند: چیزی برای تعدیل "
              "نیست."};
    case FitWarning::not_converged:
      return {"The model did not converge: no adjusted figure is given.",
              "مدل همگرا نشد: رقم تعدیل‌شده‌ای داده نمی‌شود."};
    case FitWarning::separation:
      return {"Some level has only one outcome (separation): its ratio runs off and its interval is not reliable.",
              "در برخی سطوح تنها یک پیامد دیده می‌شود (جدایی کامل): نسبت آن سطح و فاصله‌اش قابل اتکا "
              "نیست."};
  }
  return {};
}
// clang-format on

namespace detail {
namespace {

// Observed / expected per unit over the fitted rows that belong to a unit (unit[row] >= 0).
AdjustedComparison standardise(const CaseMixFit& fit, const std::vector<int>& unit,
                               const std::vector<std::string>& labels, const std::vector<bool>& own) {
  AdjustedComparison out = fit.summary;
  if (!out.adjusted) return out;
  std::vector<int> u;
  std::vector<double> observed, expected;
  for (std::size_t k = 0; k < fit.rows.size(); ++k) {
    const int to = unit[fit.rows[k]];
    if (to < 0) continue;
    u.push_back(to);
    observed.push_back(fit.observed[k]);
    expected.push_back(fit.expected[k]);
  }
  const auto units = stats::indirect_standardisation(u, static_cast<int>(labels.size()), observed, expected);
  double largest = 1;
  for (std::size_t c = 0; c < units.size(); ++c) {
    const stats::StandardisedUnit& s = units[c];
    if (s.n == 0) continue;  // a unit with no fitted joint has no point to plot
    // The registry's crude rate, not the subset's: the adjusted rate is on the registry's scale.
    out.units.push_back({labels[c], own[c], s.n, s.observed, s.expected, s.ratio, s.ratio * out.crude_rate,
                         s.inner.lower, s.inner.upper, s.outer.lower, s.outer.upper});
    largest = std::max(largest, s.expected);
  }
  // Forty points evenly on a log scale from an expected count of 1 to beyond the largest.
  const double top = std::log(largest * 1.1 + 1);
  for (int k = 0; k <= 40; ++k) {
    const double e = std::exp(top * k / 40.0);
    const auto in = stats::poisson_funnel(e, 0.95), outer = stats::poisson_funnel(e, 0.998);
    out.limits.push_back({e, in.lower, in.upper, outer.lower, outer.upper});
  }
  return out;
}

}  // namespace

CrossCentre compare_units(const CaseMixModels& models, const CrossCentre& head, const std::vector<int>& unit,
                          const std::vector<std::string>& labels, const std::vector<bool>& own) {
  CrossCentre c = head;
  c.responders = standardise(models.responders, unit, labels, own);
  c.survival = standardise(models.survival, unit, labels, own);
  return c;
}

std::vector<OperatorCusum> operator_cusums(const Registry& r, const CaseMixFit& responders,
                                           const std::vector<int>& unit, const std::vector<std::string>& labels) {
  std::vector<OperatorCusum> out;
  if (!responders.summary.adjusted) return out;
  for (std::size_t o = 0; o < labels.size(); ++o) {
    std::vector<std::size_t> ks;  // this operator's fitted rows, in injection order
    for (std::size_t k = 0; k < responders.rows.size(); ++k)
      if (unit[responders.rows[k]] == static_cast<int>(o)) ks.push_back(k);
    if (ks.empty()) continue;
    std::stable_sort(ks.begin(), ks.end(), [&](std::size_t a, std::size_t b) {
      return r.cols.episodes.injection_day[responders.rows[a]] < r.cols.episodes.injection_day[responders.rows[b]];
    });
    std::vector<int> failure;
    std::vector<double> risk;
    for (std::size_t k : ks) {
      failure.push_back(responders.observed[k] == 1.0 ? 0 : 1);
      // The model's risk of not responding, kept off 0 and 1 where a separated level puts it.
      risk.push_back(std::clamp(1.0 - responders.expected[k], 1e-9, 1.0 - 1e-9));
    }
    const stats::Cusum chart = stats::bernoulli_cusum(failure, risk, {kCusumOddsRatio, kCusumThreshold, true});
    OperatorCusum c{labels[o], chart.value, {}};
    for (std::size_t s : chart.signals) c.signals.push_back(static_cast<std::int64_t>(s));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace detail
}  // namespace rp::outcomes
