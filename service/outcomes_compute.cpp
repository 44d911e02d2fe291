// The outcome report's figures from the registry's columns. Every statistic is a pass
// over plain arrays with one accumulator per scope (overall, then each centre), so the
// whole report on a million episodes is a handful of linear passes and one sort.
#include <algorithm>
#include <cmath>
#include <future>
#include <limits>

#include "base/error.hpp"
#include "domain/instruments/responder.hpp"
#include "service/outcomes.hpp"
#include "stats/distributions.hpp"

namespace rp::service {
namespace {

using store::kNoDay;
using store::PromMeasure;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();

// What one patient contributes to a proportion.
enum class Status { success, failure, missing, not_due };

struct Count {
  std::int64_t n = 0, successes = 0, missing = 0;
  void add(Status s) {
    if (s == Status::success) ++successes;
    if (s == Status::success || s == Status::failure) ++n;
    if (s == Status::missing) ++missing;
  }
};

stats::Interval nan_interval() { return {kNaN, kNaN, kNaN}; }

stats::Interval proportion(std::int64_t k, std::int64_t n, bool exact) {
  if (n <= 0) return nan_interval();
  return exact ? stats::clopper_pearson(k, n) : stats::wilson(k, n);
}

// Per-episode facts derived once: follow-up for survival, and the day of conversion.
struct Registry {
  const store::OutcomeColumns& cols;
  const OutcomeInputs& in;
  std::int32_t as_of = 0;
  int n_centres = 0;
  std::vector<double> time;  // days from injection to conversion or last follow-up
  std::vector<int> event;    // 1 = converted to hip replacement
  std::vector<int> centre;
  std::vector<std::int32_t> converted_after;  // days from injection to conversion, kNever without

  std::size_t size() const { return time.size(); }
  int scopes() const { return n_centres + 1; }  // 0 = overall, 1 + c = centre c

  // Status of a due-ness check: the window of `tp` has closed for row i.
  bool due(std::size_t i, int tp) const {
    const std::int32_t end = cols.proms.window_end_day[static_cast<std::size_t>(tp)][i];
    const std::int32_t d = end != kNoDay ? end : cols.episodes.injection_day[i] + in.time_points[tp].day;
    return d < as_of;
  }
  double value(PromMeasure m, int tp, std::size_t i) const { return cols.proms.column(m, tp)[i]; }

  template <typename StatusOf>
  std::vector<Count> count(StatusOf status_of) const {
    std::vector<Count> out(static_cast<std::size_t>(scopes()));
    for (std::size_t i = 0; i < size(); ++i) {
      const Status s = status_of(i);
      out[0].add(s);
      out[static_cast<std::size_t>(centre[i]) + 1].add(s);
    }
    return out;
  }
};

Registry derive(const store::OutcomeColumns& cols, const OutcomeInputs& in) {
  Registry r{cols, in};
  r.as_of = static_cast<std::int32_t>(in.as_of.days_since_epoch());
  r.n_centres = static_cast<int>(cols.centre_ids.size());
  const auto& e = cols.episodes;
  const std::size_t n = e.size();
  r.time.resize(n);
  r.event.resize(n);
  r.centre.resize(n);
  r.converted_after.resize(n);
  const bool repeat_ends = in.end_point == ProtocolOutcomes::EndPoint::joint_replacement_or_repeat;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t start = e.injection_day[i];
    if (e.centre[i] < 0 || e.centre[i] >= r.n_centres) throw InputError("centre", "an episode names no known centre");
    r.centre[i] = e.centre[i];
    r.converted_after[i] = e.converted_day[i] != kNoDay ? std::max(0, e.converted_day[i] - start) : kNever;
    // The survival end point: the replacement, or (when the protocol says so) a repeat
    // treatment first.
    std::int32_t ended = r.converted_after[i];
    if (repeat_ends && !e.repeat_day.empty() && e.repeat_day[i] != kNoDay)
      ended = std::min(ended, std::max(0, e.repeat_day[i] - start));
    if (ended != kNever) {
      r.event[i] = 1;
      r.time[i] = ended;
    } else {
      // Censored at the last day the patient was known to be without a replacement.
      const std::int32_t last = std::max({start, e.last_contact_day[i], e.exit_day[i]});
      r.event[i] = 0;
      r.time[i] = last - start;
    }
  }
  return r;
}

int time_point_index(const OutcomeInputs& in, const std::string& item_id, const std::string& claim_id) {
  for (std::size_t t = 0; t < in.time_points.size(); ++t)
    if (in.time_points[t].item_id == item_id) return static_cast<int>(t);
  throw InputError("claims", "claim " + claim_id + " names time point '" + item_id +
                                 "', which is not a questionnaire of the protocol");
}

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

// ---- trajectories: mean and t interval per scope, as stats::mean_ci sums them ----

// Measures [from, to); each scope's trajectories are sized beforehand, so two threads can
// fill different measures.
void trajectories(const Registry& r, std::vector<ScopeReport>& scopes, int from, int to) {
  const auto S = static_cast<std::size_t>(r.scopes());
  std::vector<double> sum(S), ss(S), mean(S);
  std::vector<std::int64_t> n(S);
  for (int m = from; m < to; ++m) {
    for (auto& scope : scopes) scope.trajectories[static_cast<std::size_t>(m)] = {static_cast<PromMeasure>(m), {}};
    for (int tp = 0; tp < static_cast<int>(r.in.time_points.size()); ++tp) {
      const std::vector<double>& col = r.cols.proms.column(static_cast<PromMeasure>(m), tp);
      std::fill(sum.begin(), sum.end(), 0.0);
      std::fill(ss.begin(), ss.end(), 0.0);
      std::fill(n.begin(), n.end(), 0);
      // Branch-free: a missing value adds exactly 0, so the sums equal mean_ci's over the
      // answered values, in the same order. The overall sum lives in a register; the
      // centres' sums in their own array, so the two never alias.
      const double* v = col.data();
      const int* centre = r.centre.data();
      double all_sum = 0;
      std::int64_t all_n = 0;
      for (std::size_t i = 0; i < r.size(); ++i) {
        const bool answered = v[i] == v[i];
        const double x = answered ? v[i] : 0.0;
        const auto c = static_cast<std::size_t>(centre[i]) + 1;
        all_sum += x;
        sum[c] += x;
        all_n += answered;
        n[c] += answered;
      }
      sum[0] = all_sum;
      n[0] = all_n;
      for (std::size_t s = 0; s < S; ++s) mean[s] = n[s] > 0 ? sum[s] / static_cast<double>(n[s]) : kNaN;
      double all_ss = 0;
      const double all_mean = mean[0];
      for (std::size_t i = 0; i < r.size(); ++i) {
        const bool answered = v[i] == v[i];
        const auto c = static_cast<std::size_t>(centre[i]) + 1;
        all_ss += answered ? (v[i] - all_mean) * (v[i] - all_mean) : 0.0;
        ss[c] += answered ? (v[i] - mean[c]) * (v[i] - mean[c]) : 0.0;
      }
      ss[0] = all_ss;
      const auto [bottom, top] = store::scale_of(static_cast<PromMeasure>(m));
      for (std::size_t s = 0; s < S; ++s) {
        TrajectoryPoint p{tp, n[s], mean[s], kNaN, kNaN};
        if (n[s] >= kMinNForInterval) {
          const double k = static_cast<double>(n[s]);
          const double se = std::sqrt(ss[s] / (k - 1) / k);
          const double t = stats::qt(0.975, k - 1);
          p.lower = mean[s] - t * se;
          p.upper = mean[s] + t * se;
          p.truncated = p.lower < bottom || p.upper > top;
          p.lower = std::max(p.lower, bottom);
          p.upper = std::min(p.upper, top);
        }
        scopes[s].trajectories[static_cast<std::size_t>(m)].points.push_back(p);
      }
    }
  }
}

// ---- responders ----

Status responder_status(const Registry& r, ResponderDefinition def, int tp, std::size_t i) {
  using instruments::OarsiDomains;
  if (r.converted_after[i] <= r.in.time_points[tp].day) return Status::failure;  // replaced before: a known failure
  const auto& t = r.in.thresholds;
  std::optional<bool> responded;
  switch (def) {
    case ResponderDefinition::omeract_oarsi: {
      const double bp = r.value(PromMeasure::hoos_pain, 0, i), fp = r.value(PromMeasure::hoos_pain, tp, i);
      const double bf = r.value(PromMeasure::hoos_adl, 0, i), ff = r.value(PromMeasure::hoos_adl, tp, i);
      const double bg = r.value(PromMeasure::patient_global, 0, i), fg = r.value(PromMeasure::patient_global, tp, i);
      if (!std::isnan(bp + fp + bf + ff + bg + fg)) {
        // OMERACT-OARSI scales are higher = worse; HOOS is higher = better.
        responded = instruments::oarsi_responder(OarsiDomains{100 - bp, 100 - bf, bg},
                                                 OarsiDomains{100 - fp, 100 - ff, fg}, t.oarsi)
                        .responder;
      }
      break;
    }
    case ResponderDefinition::nrs_30:
    case ResponderDefinition::nrs_50: {
      const double b = r.value(PromMeasure::nrs_pain, 0, i), f = r.value(PromMeasure::nrs_pain, tp, i);
      if (!std::isnan(b + f)) {
        const auto res = instruments::immpact_nrs_response(static_cast<int>(b), static_cast<int>(f), t.immpact);
        responded = def == ResponderDefinition::nrs_30 ? res.moderate : res.substantial;
      }
      break;
    }
    case ResponderDefinition::hoos_pain_mcid: {
      const double b = r.value(PromMeasure::hoos_pain, 0, i), f = r.value(PromMeasure::hoos_pain, tp, i);
      if (!std::isnan(b + f)) responded = instruments::hoos_pain_mcid(b, f, t.hoos_pain_mcid).met;
      break;
    }
  }
  if (responded) return *responded ? Status::success : Status::failure;
  return r.due(i, tp) ? Status::missing : Status::not_due;
}

ResponderRate rate_of(ResponderDefinition def, int tp, const Count& c) {
  ResponderRate rate{def, tp, c.n, c.successes, c.missing};
  rate.ci = proportion(c.successes, c.n, false);
  rate.worst_case = proportion(c.successes, c.n + c.missing, false);
  return rate;
}

// Every definition in one pass per time point. The conversion and due checks are shared
// by all definitions; each definition's rule is still the domain's responder function.
void responders(const Registry& r, std::vector<ScopeReport>& scopes) {
  using instruments::OarsiDomains;
  const auto& t = r.in.thresholds;
  const int tps = static_cast<int>(r.in.time_points.size());
  constexpr std::size_t kDefs = 4;  // omeract_oarsi, nrs_30, nrs_50, hoos_pain_mcid
  std::vector<std::array<Count, kDefs>> counts(static_cast<std::size_t>(r.scopes()));
  for (int tp = 1; tp < tps; ++tp) {
    std::fill(counts.begin(), counts.end(), std::array<Count, kDefs>{});
    const int day = r.in.time_points[tp].day;
    auto col = [&](PromMeasure m, int at) { return r.cols.proms.column(m, at).data(); };
    const double *nrs0 = col(PromMeasure::nrs_pain, 0), *nrs1 = col(PromMeasure::nrs_pain, tp);
    const double *pain0 = col(PromMeasure::hoos_pain, 0), *pain1 = col(PromMeasure::hoos_pain, tp);
    const double *adl0 = col(PromMeasure::hoos_adl, 0), *adl1 = col(PromMeasure::hoos_adl, tp);
    const double *gl0 = col(PromMeasure::patient_global, 0), *gl1 = col(PromMeasure::patient_global, tp);
    for (std::size_t i = 0; i < r.size(); ++i) {
      std::array<Status, kDefs> st;
      if (r.converted_after[i] <= day) {
        st.fill(Status::failure);  // replaced before the time point: a known failure
      } else {
        const Status unknown = r.due(i, tp) ? Status::missing : Status::not_due;
        auto of = [&](bool responded) { return responded ? Status::success : Status::failure; };
        const bool oarsi_known = !std::isnan(pain0[i] + pain1[i] + adl0[i] + adl1[i] + gl0[i] + gl1[i]);
        // OMERACT-OARSI scales are higher = worse; HOOS is higher = better.
        st[0] = oarsi_known
                    ? of(instruments::oarsi_responder(OarsiDomains{100 - pain0[i], 100 - adl0[i], gl0[i]},
                                                      OarsiDomains{100 - pain1[i], 100 - adl1[i], gl1[i]}, t.oarsi)
                             .responder)
                    : unknown;
        if (!std::isnan(nrs0[i] + nrs1[i])) {
          const auto res =
              instruments::immpact_nrs_response(static_cast<int>(nrs0[i]), static_cast<int>(nrs1[i]), t.immpact);
          st[1] = of(res.moderate);
          st[2] = of(res.substantial);
        } else {
          st[1] = st[2] = unknown;
        }
        st[3] = !std::isnan(pain0[i] + pain1[i])
                    ? of(instruments::hoos_pain_mcid(pain0[i], pain1[i], t.hoos_pain_mcid).met)
                    : unknown;
      }
      auto& overall = counts[0];
      auto& centre = counts[static_cast<std::size_t>(r.centre[i]) + 1];
      for (std::size_t d = 0; d < kDefs; ++d) {
        overall[d].add(st[d]);
        centre[d].add(st[d]);
      }
    }
    const auto& defs = all_responder_definitions();
    for (std::size_t s = 0; s < scopes.size(); ++s)
      for (std::size_t d = 0; d < kDefs; ++d) scopes[s].responders.push_back(rate_of(defs[d], tp, counts[s][d]));
  }
}

// ---- completeness and adverse events ----

bool answered(const Registry& r, int tp, std::size_t i) {
  for (int m = 0; m < store::kPromMeasures; ++m)
    if (!std::isnan(r.value(static_cast<PromMeasure>(m), tp, i))) return true;
  return r.cols.proms.returned_after[static_cast<std::size_t>(tp)][i] != kNoDay;
}

void completeness(const Registry& r, std::vector<ScopeReport>& scopes) {
  for (int tp = 0; tp < static_cast<int>(r.in.time_points.size()); ++tp) {
    const auto counts = r.count([&](std::size_t i) {
      if (r.converted_after[i] <= r.in.time_points[tp].day || !r.due(i, tp)) return Status::not_due;
      return answered(r, tp, i) ? Status::success : Status::missing;
    });
    for (std::size_t s = 0; s < scopes.size(); ++s)
      scopes[s].completeness.push_back({tp, counts[s].n + counts[s].missing, counts[s].successes});
  }
}

std::vector<std::uint8_t> adverse_events(const Registry& r, std::vector<ScopeReport>& scopes) {
  const auto& a = r.cols.adverse_events;
  std::vector<std::uint8_t> serious(r.size(), 0);
  const std::size_t categories = a.category_names.size();
  std::vector<std::vector<std::int64_t>> by_category(scopes.size(), std::vector<std::int64_t>(categories, 0));
  for (std::size_t k = 0; k < a.size(); ++k) {
    const auto row = static_cast<std::size_t>(a.episode_row[k]);
    for (std::size_t s : {std::size_t{0}, static_cast<std::size_t>(r.centre[row]) + 1}) {
      AdverseEventSummary& sum = scopes[s].adverse_events;
      ++sum.events;
      ++sum.events_by_grade[static_cast<std::size_t>(std::clamp<int>(a.ctcae_grade[k], 0, 5))];
      sum.serious_events += a.serious[k];
      sum.not_assessed += a.assessed.empty() || a.assessed[k] == 0 ? 1 : 0;
      if (!a.category.empty()) ++by_category[s][static_cast<std::size_t>(a.category[k])];
    }
    serious[row] |= static_cast<std::uint8_t>(a.serious[k] != 0);
  }
  for (std::size_t i = 0; i < a.untriaged_red_flags.size() && i < r.size(); ++i) {
    scopes[0].adverse_events.untriaged_red_flags += a.untriaged_red_flags[i];
    scopes[static_cast<std::size_t>(r.centre[i]) + 1].adverse_events.untriaged_red_flags += a.untriaged_red_flags[i];
  }
  // The same joints the serious-event claim counts: followed long enough, or harmed sooner.
  const int days = r.in.safety_follow_up_days;
  const auto counts = r.count([&](std::size_t i) {
    if (serious[i]) return Status::success;
    return r.time[i] >= days ? Status::failure : Status::not_due;
  });
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    AdverseEventSummary& sum = scopes[s].adverse_events;
    sum.treated = scopes[s].injected;
    sum.followed_days = days;
    sum.patients = counts[s].n;
    sum.patients_with_serious = counts[s].successes;
    sum.serious_rate = proportion(counts[s].successes, counts[s].n, true);
    for (std::size_t c = 0; c < categories; ++c)
      if (by_category[s][c] > 0) sum.by_category.emplace_back(a.category_names[c], by_category[s][c]);
    std::stable_sort(sum.by_category.begin(), sum.by_category.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
  }
  return serious;
}

void repeats(const Registry& r, std::vector<ScopeReport>& scopes) {
  const auto& repeat = r.cols.episodes.repeat_day;
  std::vector<std::vector<double>> days(scopes.size());
  for (std::size_t i = 0; i < repeat.size() && i < r.size(); ++i) {
    if (repeat[i] == kNoDay) continue;
    const double d = std::max(0, repeat[i] - r.cols.episodes.injection_day[i]);
    days[0].push_back(d);
    days[static_cast<std::size_t>(r.centre[i]) + 1].push_back(d);
  }
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    RepeatSummary& out = scopes[s].repeats;
    auto& d = days[s];
    out.repeated = static_cast<std::int64_t>(d.size());
    out.median_days = kNaN;
    if (d.empty()) continue;
    std::sort(d.begin(), d.end());
    const std::size_t mid = d.size() / 2;
    out.median_days = d.size() % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2;
    out.min_days = static_cast<std::int64_t>(d.front());
    out.max_days = static_cast<std::int64_t>(d.back());
  }
}

// ---- claims ----

ClaimMeasurement measurement(const Count& c, bool exact, Favourable favourable, int longest) {
  ClaimMeasurement m;
  m.n = c.n;
  m.events = c.successes;
  m.missing = c.missing;
  const stats::Interval ci = proportion(c.successes, c.n, exact);
  m.estimate = ci.estimate;
  m.lower = ci.lower;
  m.upper = ci.upper;
  const std::int64_t worst_k = favourable == Favourable::high ? c.successes : c.successes + c.missing;
  const stats::Interval worst = proportion(worst_k, c.n + c.missing, exact);
  m.worst_estimate = worst.estimate;
  m.worst_lower = worst.lower;
  m.worst_upper = worst.upper;
  m.longest_follow_up_days = longest;
  return m;
}

// Back to usual activities by `day`: any answer dated within it is a success; a later date,
// or "not yet" at a time point on or after it, a failure.
Status back_by(const Registry& r, int day, int first_tp_after, std::size_t i) {
  const auto& ret = r.cols.proms.returned_after;
  bool failed = r.converted_after[i] <= day;
  for (int tp = 1; tp < static_cast<int>(ret.size()); ++tp) {
    const std::int32_t v = ret[static_cast<std::size_t>(tp)][i];
    if (v == kNoDay) continue;
    if (v >= 0 && v <= day) return Status::success;
    if (v > day || r.in.time_points[tp].day >= day) failed = true;
  }
  if (failed) return Status::failure;
  const bool due = first_tp_after >= 0 ? r.due(i, first_tp_after) : r.as_of - r.cols.episodes.injection_day[i] > day;
  return due ? Status::missing : Status::not_due;
}

std::vector<ClaimResult> evaluate_claim(const Registry& r, const Claim& claim, const std::vector<ScopeReport>& scopes,
                                        const std::vector<stats::KaplanMeier>& curves,
                                        const std::vector<std::uint8_t>& serious) {
  std::vector<Count> counts;
  bool exact = false;
  switch (claim.metric) {
    case ClaimMetric::responder_rate: {
      // Already counted for the responder section.
      const int tp = time_point_index(r.in, claim.time_point, claim.id);
      for (const auto& scope : scopes)
        for (const auto& rate : scope.responders)
          if (rate.definition == *claim.definition && rate.time_point == tp)
            counts.push_back({rate.n, rate.responders, rate.missing});
      break;
    }
    case ClaimMetric::duration_of_benefit: {
      const int from = time_point_index(r.in, claim.time_point, claim.id);
      const int to = time_point_index(r.in, claim.until, claim.id);
      counts = r.count([&](std::size_t i) {
        if (responder_status(r, *claim.definition, from, i) != Status::success) return Status::not_due;
        return responder_status(r, *claim.definition, to, i);
      });
      break;
    }
    case ClaimMetric::survival_free_of_thr:
      // Known free at the day, known converted by it, or censored before it (missing once due).
      counts = r.count([&](std::size_t i) {
        if (r.event[i] && r.time[i] <= claim.day) return Status::failure;
        if (r.time[i] >= claim.day) return Status::success;
        return r.as_of - r.cols.episodes.injection_day[i] >= claim.day ? Status::missing : Status::not_due;
      });
      break;
    case ClaimMetric::back_to_daily_activities: {
      int first_after = -1;
      for (int tp = 1; tp < static_cast<int>(r.in.time_points.size()) && first_after < 0; ++tp)
        if (r.in.time_points[tp].day >= claim.day) first_after = tp;
      counts = r.count([&](std::size_t i) { return back_by(r, claim.day, first_after, i); });
      break;
    }
    case ClaimMetric::adverse_event_share: {
      // Of the events recorded after treatment, those of the named categories.
      const auto& a = r.cols.adverse_events;
      std::vector<std::uint8_t> named(a.category_names.size(), 0);
      for (std::size_t c = 0; c < named.size(); ++c)
        named[c] =
            std::find(claim.categories.begin(), claim.categories.end(), a.category_names[c]) != claim.categories.end();
      counts.assign(scopes.size(), Count{});
      for (std::size_t k = 0; k < a.size(); ++k) {
        const bool in_named = k < a.category.size() && named[static_cast<std::size_t>(a.category[k])];
        const Status st = in_named ? Status::success : Status::failure;
        counts[0].add(st);
        counts[static_cast<std::size_t>(r.centre[static_cast<std::size_t>(a.episode_row[k])]) + 1].add(st);
      }
      break;
    }
    case ClaimMetric::not_testable:
      counts.assign(scopes.size(), Count{});
      break;
    case ClaimMetric::serious_adverse_event_rate:
      exact = true;  // rare events: the exact interval, as safety reporting expects
      counts = r.count([&](std::size_t i) {
        if (serious[i]) return Status::success;
        if (r.time[i] >= claim.min_follow_up_days) return Status::failure;
        return r.as_of - r.cols.episodes.injection_day[i] >= claim.min_follow_up_days ? Status::missing
                                                                                      : Status::not_due;
      });
      break;
  }
  std::vector<ClaimResult> out;
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    ClaimResult res{claim.id,
                    measurement(counts[s], exact, claim.favourable, scopes[s].survival.longest_follow_up_days)};
    if (claim.metric == ClaimMetric::survival_free_of_thr) {
      // The estimate is the Kaplan–Meier curve's, which uses the censored patients too.
      const double day = claim.day;
      const auto at = curves[s].time.empty() ? std::vector<stats::KmPoint>{} : stats::km_at(curves[s], {&day, 1});
      const bool estimable = !at.empty() && !at[0].beyond_follow_up;
      res.measured.estimate = estimable ? at[0].surv : kNaN;
      res.measured.lower = estimable ? at[0].lower : kNaN;
      res.measured.upper = estimable ? at[0].upper : kNaN;
    }
    if (claim.metric == ClaimMetric::serious_adverse_event_rate) {
      // An event nobody has graded, or a red flag nobody has triaged, may be serious.
      const AdverseEventSummary& a = scopes[s].adverse_events;
      res.measured.awaiting_assessment = a.not_assessed + a.untriaged_red_flags;
    }
    res.judgement = judge(claim, res.measured);
    out.push_back(std::move(res));
  }
  return out;
}

// ---- funnel ----

std::optional<Funnel> funnel(const OutcomeInputs& in, const std::vector<ScopeReport>& all,
                             const std::vector<std::string>& labels, const std::vector<bool>& own) {
  if (in.funnel_time_point.empty()) return std::nullopt;
  Funnel f{in.funnel_definition};
  f.time_point = -1;
  for (std::size_t t = 0; t < in.time_points.size(); ++t)
    if (in.time_points[t].item_id == in.funnel_time_point) f.time_point = static_cast<int>(t);
  if (f.time_point < 1) throw InputError("funnel_time_point", "'" + in.funnel_time_point + "' is not a follow-up");
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

}  // namespace

std::vector<TimePoint> questionnaire_time_points(const Protocol& protocol) {
  std::vector<TimePoint> out;
  std::vector<const ProtocolItem*> items;
  if (const ProtocolItem* baseline = protocol.find_item(protocol.outcomes.baseline)) items.push_back(baseline);
  for (const ProtocolItem& item : protocol.items)
    if (item.id != protocol.outcomes.baseline) items.push_back(&item);
  for (const ProtocolItem* p : items) {
    const ProtocolItem& item = *p;
    if (item.kind != "questionnaire") continue;
    int day = 0;
    if (item.anchor == "injection" && item.at.amount > 0) {
      switch (item.at.unit) {
        case Offset::Unit::days:
          day = item.at.amount;
          break;
        case Offset::Unit::weeks:
          day = 7 * item.at.amount;
          break;
        case Offset::Unit::months:  // a month is 365.25 / 12 days on average
          day = static_cast<int>(std::lround(item.at.amount * 365.25 / 12));
          break;
        case Offset::Unit::years:
          day = static_cast<int>(std::lround(item.at.amount * 365.25));
          break;
      }
    }
    out.push_back({item.id, day, item.title});
  }
  return out;
}

bool definition_asked(ResponderDefinition d, const std::array<bool, store::kPromMeasures>& asked) {
  auto has = [&](PromMeasure m) { return asked[static_cast<std::size_t>(m)]; };
  switch (d) {
    case ResponderDefinition::omeract_oarsi:
      return has(PromMeasure::hoos_pain) && has(PromMeasure::hoos_adl) && has(PromMeasure::patient_global);
    case ResponderDefinition::nrs_30:
    case ResponderDefinition::nrs_50:
      return has(PromMeasure::nrs_pain);
    case ResponderDefinition::hoos_pain_mcid:
      return has(PromMeasure::hoos_pain);
  }
  return true;
}

OutcomeInputs outcome_inputs(const Protocol& protocol, ClaimSet claims, const CivilDate& as_of,
                             instruments::ResponderThresholds thresholds) {
  OutcomeInputs in;
  in.time_points = questionnaire_time_points(protocol);
  in.thresholds = std::move(thresholds);
  in.as_of = as_of;
  const ProtocolOutcomes& o = protocol.outcomes;
  in.funnel_time_point = o.funnel_time_point;
  if (auto d = parse_responder_definition(o.funnel_definition)) in.funnel_definition = *d;
  in.survival_days.assign(o.survival_days.begin(), o.survival_days.end());
  in.end_point = o.end_point;
  for (const Claim& c : claims.claims)
    if (c.metric == ClaimMetric::serious_adverse_event_rate) in.safety_follow_up_days = c.min_follow_up_days;
  in.measures_asked.fill(false);
  for (const ProtocolItem& item : protocol.items) {
    for (const std::string& instrument : item.instruments) {
      auto ask = [&](PromMeasure m) { in.measures_asked[static_cast<std::size_t>(m)] = true; };
      if (instrument == "nrs") ask(PromMeasure::nrs_pain);
      if (instrument == "hoos") {
        ask(PromMeasure::hoos_pain);
        ask(PromMeasure::hoos_adl);
      }
      if (instrument == "oxford-hip") ask(PromMeasure::oxford_total);
      if (instrument == "patient-global") ask(PromMeasure::patient_global);
    }
  }
  in.claims = std::move(claims);
  return in;
}

OutcomeReport compute_outcome_report(const store::OutcomeColumns& columns, const OutcomeInputs& inputs,
                                     const ReportView& view) {
  const Registry r = derive(columns, inputs);
  std::vector<ScopeReport> all(static_cast<std::size_t>(r.scopes()));
  for (int c = 0; c < r.n_centres; ++c) all[static_cast<std::size_t>(c) + 1].centre_id = columns.centre_ids[c];

  // The sections write disjoint members of each scope, so two of them run beside the rest.
  for (auto& scope : all) scope.trajectories.resize(store::kPromMeasures, {PromMeasure::nrs_pain, {}});
  auto beside = std::async(std::launch::async, [&] {
    responders(r, all);
    completeness(r, all);
    trajectories(r, all, 3, store::kPromMeasures);
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
  report.end_point = inputs.end_point;
  report.safety_follow_up_days = inputs.safety_follow_up_days;
  report.measures_asked = inputs.measures_asked;
  report.log_rank = std::move(log_rank);
  report.claims = inputs.claims;
  report.scopes.push_back(std::move(all[0]));
  for (const std::string& id : view.centres) {
    const auto it = std::find(columns.centre_ids.begin(), columns.centre_ids.end(), id);
    if (it == columns.centre_ids.end()) throw NotFoundError("centre", "no centre '" + id + "'");
    report.scopes.push_back(std::move(all[static_cast<std::size_t>(it - columns.centre_ids.begin()) + 1]));
  }
  return report;
}

}  // namespace rp::service
