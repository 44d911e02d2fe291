// The case-mix design (age band, KL grade and cell source as factors, each with an
// "unknown" level) and the logistic and Cox fits on it.
#include "domain/outcomes/case_mix_models.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <span>

#include "domain/episode.hpp"
#include "stats/cox.hpp"
#include "stats/cox_expected.hpp"
#include "stats/logistic.hpp"

namespace rp::outcomes::detail {
namespace {

std::string level_name(int factor, int level) {
  if (level == EpisodeColumns::kUnknown) return "unknown";
  if (factor == 0) return std::to_string(level * 5) + "-" + std::to_string(level * 5 + 4);
  if (factor == 2) return std::string(to_string(static_cast<CellSource>(level)));
  return std::to_string(level);
}

// Dummy columns for the factors' levels present among `rows`, against each factor's most
// frequent level (ties: the lowest). A factor with one level present adds nothing.
struct Design {
  std::vector<std::vector<double>> columns;
  std::vector<CaseMixTerm> terms;  // one per column; ratios filled from a fit
};

Design design(const EpisodeColumns& e, const std::vector<std::size_t>& rows) {
  static constexpr std::array<const char*, 3> kFactors{"age_band", "kl_grade", "cell_source"};
  const std::array<const std::vector<std::int8_t>*, 3> values{&e.age_band, &e.kl_grade, &e.cell_source};
  Design d;
  for (int f = 0; f < 3; ++f) {
    const auto& v = *values[static_cast<std::size_t>(f)];
    auto level_of = [&](std::size_t i) { return v.empty() ? int{EpisodeColumns::kUnknown} : int{v[i]}; };
    std::map<int, std::int64_t> counts;
    for (std::size_t i : rows) ++counts[level_of(i)];
    if (counts.size() < 2) continue;
    const auto reference = std::max_element(counts.begin(), counts.end(),
                                            [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [level, n] : counts) {
      if (level == reference->first) continue;
      std::vector<double> column(rows.size());
      for (std::size_t k = 0; k < rows.size(); ++k) column[k] = level_of(rows[k]) == level ? 1.0 : 0.0;
      d.columns.push_back(std::move(column));
      d.terms.push_back({kFactors[static_cast<std::size_t>(f)], level_name(f, level), level_name(f, reference->first),
                         n, kNaN, kNaN, kNaN, kNaN});
    }
  }
  return d;
}

std::vector<std::span<const double>> spans(const Design& d) { return {d.columns.begin(), d.columns.end()}; }

// The common checks before a fit: enough events and non-events, and something to adjust for.
bool fittable(CaseMixFit& fit, const Design& d, bool both_outcomes) {
  AdjustedComparison& s = fit.summary;
  s.n = static_cast<std::int64_t>(fit.rows.size());
  s.events = static_cast<std::int64_t>(std::count(fit.observed.begin(), fit.observed.end(), 1.0));
  s.crude_rate = s.n > 0 ? static_cast<double>(s.events) / static_cast<double>(s.n) : kNaN;
  if (s.events < kMinModelEvents || (both_outcomes && s.n - s.events < kMinModelEvents)) {
    s.warnings.push_back(FitWarning::too_few_events);
    return false;
  }
  if (d.columns.empty()) {
    s.warnings.push_back(FitWarning::no_case_mix_variation);
    return false;
  }
  return true;
}

CaseMixFit fit_responders(const Registry& r, ResponderDefinition definition, int tp) {
  CaseMixFit fit;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const Status s = responder_status(r, definition, tp, i);
    if (s != Status::success && s != Status::failure) continue;
    fit.rows.push_back(i);
    fit.observed.push_back(s == Status::success ? 1.0 : 0.0);
  }
  Design d = design(r.cols.episodes, fit.rows);
  if (!fittable(fit, d, true)) return fit;
  std::vector<int> outcome(fit.observed.begin(), fit.observed.end());
  const stats::LogisticFit m = stats::logistic_regression(outcome, spans(d));
  AdjustedComparison& s = fit.summary;
  if (!m.converged) {
    s.warnings.push_back(FitWarning::not_converged);
    return fit;
  }
  if (m.fitted_at_boundary) s.warnings.push_back(FitWarning::separation);
  for (std::size_t j = 0; j < d.terms.size(); ++j)  // coefficient 0 is the intercept
    d.terms[j] = {d.terms[j].factor,   d.terms[j].level,  d.terms[j].reference, d.terms[j].n,
                  m.odds_ratio[j + 1], m.or_lower[j + 1], m.or_upper[j + 1],    m.p[j + 1]};
  s.terms = std::move(d.terms);
  s.adjusted = true;
  fit.expected = m.fitted;
  return fit;
}

CaseMixFit fit_survival(const Registry& r) {
  CaseMixFit fit;
  std::vector<double> time;
  std::vector<int> event;
  for (std::size_t i = 0; i < r.size(); ++i) {
    fit.rows.push_back(i);
    fit.observed.push_back(r.event[i]);
    time.push_back(r.time[i]);
    event.push_back(r.event[i]);
  }
  Design d = design(r.cols.episodes, fit.rows);
  if (!fittable(fit, d, false)) return fit;
  const auto covariates = spans(d);
  const stats::CoxFit m = stats::cox_ph(time, event, covariates);
  AdjustedComparison& s = fit.summary;
  if (!m.converged) {
    s.warnings.push_back(FitWarning::not_converged);
    return fit;
  }
  for (std::size_t j = 0; j < d.terms.size(); ++j)
    d.terms[j] = {d.terms[j].factor, d.terms[j].level, d.terms[j].reference, d.terms[j].n,
                  m.hazard_ratio[j], m.hr_lower[j],    m.hr_upper[j],        m.p[j]};
  s.terms = std::move(d.terms);
  s.adjusted = true;
  fit.expected = stats::cox_expected_events(time, event, covariates, m);
  return fit;
}

}  // namespace

CaseMixModels fit_case_mix(const Registry& r, ResponderDefinition definition, int time_point) {
  return {fit_responders(r, definition, time_point), fit_survival(r)};
}

}  // namespace rp::outcomes::detail
