// The case-mix design (age band, KL grade and cell source as factors, each with an
// "unknown" level) and the logistic and Cox fits on it.
#include "domain/outcomes/case_mix_models.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <map>
#include <span>
#include <unordered_map>

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

// The case mix as dummy columns for the factors' levels present among `rows`, against each
// factor's most frequent level (ties: the lowest); a factor with one level present adds
// nothing. The columns are never made a row at a time: the rows hold a few hundred
// combinations of levels (patterns), numbered in order of first appearance, and each
// pattern's dummies are its row of covariates (stats/row_cells.hpp), as collapsing the
// columns would number and fill them.
struct Design {
  std::vector<CaseMixTerm> terms;          // one per column; ratios filled from a fit
  stats::RowCells patterns;                // of the covariates; cell_of: each of `rows`'s pattern
  std::vector<std::array<int, 3>> levels;  // each pattern's levels
};

Design design(const EpisodeColumns& e, const std::vector<std::size_t>& rows) {
  static constexpr std::array<const char*, 3> kFactors{"age_band", "kl_grade", "cell_source"};
  const std::array<const std::vector<std::int8_t>*, 3> values{&e.age_band, &e.kl_grade, &e.cell_source};
  auto level_of = [&](int f, std::size_t i) {
    const auto& v = *values[static_cast<std::size_t>(f)];
    return v.empty() ? int{EpisodeColumns::kUnknown} : int{v[i]};
  };
  Design d;
  stats::RowCells& p = d.patterns;
  p.cell_of.resize(rows.size());
  std::unordered_map<std::uint32_t, std::uint32_t> pattern_of_key;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::array<int, 3> levels{level_of(0, rows[k]), level_of(1, rows[k]), level_of(2, rows[k])};
    std::uint32_t key = 0;
    for (const int level : levels) key = key << 8 | static_cast<std::uint8_t>(level);
    const auto [at, added] = pattern_of_key.emplace(key, static_cast<std::uint32_t>(d.levels.size()));
    if (added) {
      d.levels.push_back(levels);
      p.count.push_back(0);
    }
    p.count[at->second] += 1;
    p.cell_of[k] = at->second;
  }
  std::vector<std::pair<int, int>> columns;  // (factor, level) of each column
  for (int f = 0; f < 3; ++f) {
    std::map<int, std::int64_t> counts;
    for (std::size_t g = 0; g < d.levels.size(); ++g)
      counts[d.levels[g][static_cast<std::size_t>(f)]] += static_cast<std::int64_t>(p.count[g]);
    if (counts.size() < 2) continue;
    const auto reference = std::max_element(counts.begin(), counts.end(),
                                            [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [level, n] : counts) {
      if (level == reference->first) continue;
      columns.emplace_back(f, level);
      d.terms.push_back({kFactors[static_cast<std::size_t>(f)], level_name(f, level), level_name(f, reference->first),
                         n, kNaN, kNaN, kNaN, kNaN});
    }
  }
  p.width = columns.size();
  p.values.reserve(d.levels.size() * p.width);
  for (const auto& levels : d.levels)
    for (const auto& [f, level] : columns) p.values.push_back(levels[static_cast<std::size_t>(f)] == level ? 1.0 : 0.0);
  return d;
}

// The logistic fit's cells (stats/row_cells.hpp): the rows by outcome and pattern, in order
// of first appearance, each cell's row its outcome then its pattern's covariates.
stats::RowCells responder_cells(const Design& d, const std::vector<double>& observed) {
  const stats::RowCells& p = d.patterns;
  stats::RowCells cells;
  cells.width = p.width + 1;
  cells.cell_of.resize(observed.size());
  std::vector<std::int64_t> cell_of_key(2 * p.size(), -1);  // pattern * 2 + outcome -> cell
  for (std::size_t k = 0; k < observed.size(); ++k) {
    const std::size_t g = p.cell_of[k];
    std::int64_t& cell = cell_of_key[2 * g + (observed[k] == 1.0 ? 1 : 0)];
    if (cell < 0) {
      cell = static_cast<std::int64_t>(cells.count.size());
      cells.values.push_back(observed[k]);
      cells.values.insert(cells.values.end(), p.values.begin() + static_cast<std::ptrdiff_t>(g * p.width),
                          p.values.begin() + static_cast<std::ptrdiff_t>((g + 1) * p.width));
      cells.count.push_back(0);
    }
    cells.count[static_cast<std::size_t>(cell)] += 1;
    cells.cell_of[k] = static_cast<std::size_t>(cell);
  }
  return cells;
}

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
  if (d.terms.empty()) {
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
  const stats::LogisticFit m = stats::logistic_regression(responder_cells(d, fit.observed));
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
  const stats::CoxFit m = stats::cox_ph(time, event, d.patterns);
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
  fit.expected = stats::cox_expected_events(time, event, d.patterns, m);
  return fit;
}

}  // namespace

CaseMixModels fit_case_mix(const Registry& r, ResponderDefinition definition, int time_point) {
  // The two fits share nothing: the Cox model (the longer) on a thread of its own.
  auto survival = std::async(std::launch::async, [&r] { return fit_survival(r); });
  CaseMixFit responders = fit_responders(r, definition, time_point);
  return {std::move(responders), survival.get()};
}

}  // namespace rp::outcomes::detail
