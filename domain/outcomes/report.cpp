// The outcome report: survival by scope and the log-rank test by centre from one sort, the
// sections and the case-mix models beside each other, the claims after them, and the
// funnel of centres.
#include <algorithm>
#include <cmath>
#include <future>

#include "base/error.hpp"
#include "domain/outcomes/case_mix_models.hpp"
#include "domain/outcomes/sections.hpp"
#include "stats/distributions.hpp"

namespace rp::outcomes {
// The sections and the registry they share (domain/outcomes/sections.hpp).
using namespace detail;

namespace {

// ---- survival ----

SurvivalSummary summarise(const stats::KaplanMeier& km, const std::vector<double>& days) {
  SurvivalSummary s;
  s.n = km.n;
  s.events = km.events;
  if (km.time.empty()) return s;
  s.curve.push_back({0, 1, 1, 1});
  for (std::size_t k = 0; k < km.time.size(); ++k) {
    if (km.n_event[k] > 0 || k + 1 == km.time.size())
      s.curve.push_back({km.time[k], km.surv[k], km.lower[k], km.upper[k]});
    if (km.n_censor[k] > 0) s.censored.push_back({km.time[k], km.surv[k], km.n_censor[k]});
  }
  s.at = stats::km_at(km, days);
  s.median = stats::km_median(km);
  s.longest_follow_up_days = static_cast<int>(km.time.back());
  return s;
}

// ---- funnel ----

// The funnel's time point among the inputs', -1 when it names none (the last one named).
int funnel_time_point(const OutcomeInputs& in) {
  int at = -1;
  for (std::size_t t = 0; t < in.time_points.size(); ++t)
    if (in.time_points[t].item_id == in.funnel_time_point) at = static_cast<int>(t);
  return at;
}

std::optional<Funnel> funnel(const OutcomeInputs& in, const std::vector<ScopeReport>& all,
                             const std::vector<std::string>& labels, const std::vector<bool>& own) {
  if (in.funnel_time_point.empty()) return std::nullopt;
  Funnel f{in.funnel_definition};
  f.time_point = funnel_time_point(in);
  if (f.time_point < 1)
    throw InputError("funnel_time_point", "not_a_follow_up"_err, {{"time_point", in.funnel_time_point}});
  auto rate_in = [&](const ScopeReport& s) {
    for (const auto& r : s.responders)
      if (r.definition == f.definition && r.time_point == f.time_point) return r;
    return ResponderRate{};
  };
  const ResponderRate pooled = rate_in(all[0]);
  f.overall = pooled.n > 0 ? static_cast<double>(pooled.responders) / static_cast<double>(pooled.n) : kNaN;
  std::int64_t largest = 1;
  for (std::size_t c = 1; c < all.size(); ++c) {
    const ResponderRate r = rate_in(all[c]);
    f.centres.push_back({labels[c - 1], own[c - 1], r.n, r.responders});
    largest = std::max(largest, r.n);
  }
  if (std::isnan(f.overall)) return f;
  const double p = f.overall, z95 = stats::z_for_level(0.95), z998 = stats::z_for_level(0.998);
  // Forty points spread evenly on a log scale from 1 to beyond the largest centre.
  const double top = std::log(static_cast<double>(largest) * 1.1 + 1);
  for (int k = 0; k <= 40; ++k) {
    const double n = std::exp(top * k / 40.0);
    const double se = std::sqrt(p * (1 - p) / n);
    f.limits.push_back({n, std::max(0.0, p - z95 * se), std::min(1.0, p + z95 * se), std::max(0.0, p - z998 * se),
                        std::min(1.0, p + z998 * se)});
  }
  return f;
}

// ---- cross-centre, adjusted for case mix ----

// The case-mix models of the funnel's responders and of survival, when the report has a
// funnel: they need none of the other sections, so they are fitted beside them.
std::future<std::optional<CaseMixModels>> fit_case_mix_beside(const Registry& r) {
  return std::async(std::launch::async, [&r]() -> std::optional<CaseMixModels> {
    const int tp = funnel_time_point(r.in);
    if (r.in.funnel_time_point.empty() || tp < 1) return std::nullopt;
    return fit_case_mix(r, r.in.funnel_definition, tp);
  });
}

void adjusted_comparisons(const Registry& r, const ReportView& view, const std::vector<std::string>& labels,
                          const std::vector<bool>& own, const CaseMixModels& models, OutcomeReport& report) {
  if (!report.funnel || report.funnel->time_point < 1) return;
  const CrossCentre head{report.funnel->definition, report.funnel->time_point, {}, {}};
  report.cross_centre = compare_units(models, head, r.centre, labels, own);

  const auto& e = r.cols.episodes;
  if (view.operators_of.empty() || e.injecting_operator.size() != r.size()) return;
  const auto centre = std::find(r.cols.centre_ids.begin(), r.cols.centre_ids.end(), view.operators_of);
  if (centre == r.cols.centre_ids.end()) return;
  const int c = static_cast<int>(centre - r.cols.centre_ids.begin());
  // The centre's joints by operator; a joint whose operator is not recorded is compared
  // as "unknown", not dropped.
  std::vector<std::string> names = r.cols.operator_ids;
  const int unknown = static_cast<int>(names.size());
  names.push_back("unknown");
  std::vector<int> unit(r.size(), -1);
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r.centre[i] == c) unit[i] = e.injecting_operator[i] >= 0 ? e.injecting_operator[i] : unknown;
  OperatorComparison ops{
      view.operators_of, compare_units(models, head, unit, names, std::vector<bool>(names.size(), false)), {}};
  ops.cusums = operator_cusums(r, models.responders, unit, names);
  report.by_operator = std::move(ops);
}

}  // namespace

OutcomeReport compute_outcome_report(const Columns& columns, const OutcomeInputs& inputs, const ReportView& view) {
  const Registry r = derive(columns, inputs);
  auto models = fit_case_mix_beside(r);
  std::vector<ScopeReport> all(static_cast<std::size_t>(r.scopes()));
  for (int c = 0; c < r.n_centres; ++c) all[static_cast<std::size_t>(c) + 1].centre_id = columns.centre_ids[c];

  // The sections write disjoint members of each scope, so two of them run beside the rest.
  for (auto& scope : all) scope.trajectories.resize(kPromMeasures, {PromMeasure::nrs_pain, {}});
  auto beside = std::async(std::launch::async, [&] {
    responders(r, all);
    completeness(r, all);
    trajectories(r, all, 3, kPromMeasures);
  });
  // Survival: one sort by time; per-centre curves, the overall curve and log-rank from it.
  std::vector<stats::KaplanMeier> curves(all.size());
  std::vector<std::string> labels;
  std::vector<bool> own;
  for (int c = 0; c < r.n_centres; ++c) {
    const std::string& id = columns.centre_ids[c];
    const bool shown = std::find(view.centres.begin(), view.centres.end(), id) != view.centres.end();
    labels.push_back(shown || view.name_other_centres ? id : "other centre");
    own.push_back(shown);
  }
  std::optional<LogRankByCentre> log_rank;
  if (r.size() > 0) {
    const stats::SortedSurvival sorted(r.time, r.event, r.centre, std::max(1, r.n_centres));
    auto by_centre = stats::kaplan_meier_by_group(sorted);
    curves[0] = stats::kaplan_meier(stats::pooled_table(sorted));
    for (int c = 0; c < r.n_centres; ++c) curves[static_cast<std::size_t>(c) + 1] = std::move(by_centre[c]);
    try {
      log_rank = LogRankByCentre{labels, stats::log_rank(sorted)};
    } catch (const InputError&) {
      // Fewer than two centres with expected events: no test to show.
    }
  }
  for (std::size_t s = 0; s < all.size(); ++s) {
    all[s].survival = summarise(curves[s], inputs.survival_days);
    all[s].injected = all[s].survival.n;
  }
  trajectories(r, all, 0, 3);
  const std::vector<std::uint8_t> serious = adverse_events(r, all);
  repeats(r, all);
  beside.get();
  for (const Claim& claim : inputs.claims.claims) {
    auto results = evaluate_claim(r, claim, all, curves, serious);
    for (std::size_t s = 0; s < all.size(); ++s) all[s].claims.push_back(std::move(results[s]));
  }

  OutcomeReport report{inputs.as_of, inputs.time_points};
  report.funnel = funnel(inputs, all, labels, own);
  if (const std::optional<CaseMixModels> fitted = models.get())
    adjusted_comparisons(r, view, labels, own, *fitted, report);
  report.end_point = inputs.end_point;
  report.safety_follow_up_days = inputs.safety_follow_up_days;
  report.measures_asked = inputs.measures_asked;
  report.log_rank = std::move(log_rank);
  report.claims = inputs.claims;
  report.scopes.push_back(std::move(all[0]));
  for (const std::string& id : view.centres) {
    const auto it = std::find(columns.centre_ids.begin(), columns.centre_ids.end(), id);
    if (it == columns.centre_ids.end()) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", id}});
    report.scopes.push_back(std::move(all[static_cast<std::size_t>(it - columns.centre_ids.begin()) + 1]));
  }
  return report;
}

}  // namespace rp::outcomes
