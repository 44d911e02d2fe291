#include "api/contract/reports.hpp"

#include <cmath>

#include "domain/outcomes/suppression.hpp"

namespace rp::api::contract {
namespace {

Figure figure(double v) { return std::isfinite(v) ? Figure(v) : std::nullopt; }

IntervalOut interval(const stats::Interval& i) { return {figure(i.estimate), figure(i.lower), figure(i.upper)}; }

// A hidden figure answers null (outcomes::ReportSuppression marks what the reader may not see).
bool hidden(const std::vector<bool>& mask, std::size_t i) { return i < mask.size() && mask[i]; }
Count shown(std::int64_t count, bool hide) { return hide ? Count() : Count(count); }
Figure shown(Figure value, bool hide) { return hide ? Figure() : value; }
IntervalOut shown(const IntervalOut& i, bool hide) { return hide ? IntervalOut{} : i; }

std::string measure_key(store::PromMeasure m) {
  switch (m) {
    case store::PromMeasure::nrs_pain:
      return "nrs_pain";
    case store::PromMeasure::hoos_pain:
      return "hoos_pain";
    case store::PromMeasure::hoos_adl:
      return "hoos_adl";
    case store::PromMeasure::oxford_total:
      return "oxford_total";
    case store::PromMeasure::patient_global:
      return "patient_global";
  }
  return "?";
}

SurvivalOut survival(const service::SurvivalSummary& s, const outcomes::ScopeSuppression& hide) {
  SurvivalOut out;
  out.n = shown(s.n, hide.survival_counts);
  out.events = shown(s.events, hide.survival_counts);
  out.longest_follow_up_days = s.longest_follow_up_days;
  // With the counts hidden, the curve's steps and marks, its median and its value at each
  // day would give the few events (and their days) back: only the days stay.
  for (std::size_t i = 0; i < s.at.size(); ++i) {
    const auto& p = s.at[i];
    const Count n_risk = shown(p.n_risk, hidden(hide.at_risk, i) || hide.survival_counts);
    if (hide.survival_counts)
      out.at.push_back({p.time, n_risk, {}, {}, {}, {}, p.beyond_follow_up});
    else
      out.at.push_back(
          {p.time, n_risk, figure(p.surv), figure(p.std_err), figure(p.lower), figure(p.upper), p.beyond_follow_up});
  }
  if (hide.survival_counts) return out;
  if (s.n != 0) out.median = MedianOut{figure(s.median.median), figure(s.median.lower), figure(s.median.upper)};
  for (const auto& p : s.curve) out.curve.push_back({p.day, figure(p.surv), figure(p.lower), figure(p.upper)});
  for (const auto& c : s.censored) out.censored.push_back({c.day, figure(c.surv), c.count});
  return out;
}

}  // namespace

ClaimResultOut claim_result(const service::ClaimResult& c, bool hide) {
  const ClaimMeasurement& m = c.measured;
  ClaimResultOut out;
  out.id = c.claim_id;
  out.verdict = c.judgement.verdict;
  out.reason = c.judgement.reason;
  out.n = shown(m.n, hide);
  out.events = shown(m.events, hide);
  out.missing = shown(m.missing, hide);
  out.awaiting_assessment = m.awaiting_assessment;
  out.estimate = shown(figure(m.estimate), hide);
  out.lower = shown(figure(m.lower), hide);
  out.upper = shown(figure(m.upper), hide);
  out.longest_follow_up_days = m.longest_follow_up_days;
  static_cast<IntervalOut&>(out.worst_case) =
      shown(IntervalOut{figure(m.worst_estimate), figure(m.worst_lower), figure(m.worst_upper)}, hide);
  out.worst_case.verdict = c.judgement.worst_case;
  out.suppressed = hide;
  return out;
}

namespace {

std::string interval_kind(const service::TrajectoryPoint& p) {
  if (p.n < service::kMinNForInterval) return "n_too_small";
  return p.truncated ? "kept_in_scale" : "t";
}

AdverseEventsOut adverse_events(const service::AdverseEventSummary& a, const outcomes::ScopeSuppression& hide) {
  AdverseEventsOut events;
  events.events = shown(a.events, hide.events);
  const auto& grades = a.events_by_grade;  // [0]: not graded, then grades 1..5
  const auto& g = hide.events_by_grade;
  events.by_grade = {shown(grades[0], g[0]), shown(grades[1], g[1]), shown(grades[2], g[2]),
                     shown(grades[3], g[3]), shown(grades[4], g[4]), shown(grades[5], g[5])};
  for (std::size_t i = 0; i < a.by_category.size(); ++i)
    events.by_category.push_back({a.by_category[i].first, shown(a.by_category[i].second, hidden(hide.by_category, i))});
  events.not_assessed = shown(a.not_assessed, hide.not_assessed);
  events.untriaged_red_flags = shown(a.untriaged_red_flags, hide.untriaged_red_flags);
  events.serious_events = shown(a.serious_events, hide.serious);
  events.treated = shown(a.treated, hide.injected);
  events.followed_days = a.followed_days;
  events.patients = shown(a.patients, hide.serious && outcomes::small_cell(a.patients));
  events.patients_with_serious = shown(a.patients_with_serious, hide.serious);
  events.serious_rate = shown(interval(a.serious_rate), hide.serious);
  return events;
}

RepeatsOut repeats(const service::RepeatSummary& rep, bool hide) {
  RepeatsOut out;
  out.repeated = shown(rep.repeated, hide);
  if (hide) return out;
  out.median_days = figure(rep.median_days);
  if (rep.repeated) {
    out.min_days = rep.min_days;
    out.max_days = rep.max_days;
  }
  return out;
}

ScopeOut scope(const service::ScopeReport& s, const outcomes::ScopeSuppression& hide,
               const std::vector<service::TimePoint>& tps, const std::array<bool, store::kPromMeasures>& asked) {
  ScopeOut out;
  out.centre = s.centre_id;
  out.injected = shown(s.injected, hide.injected);
  out.survival = survival(s.survival, hide);
  for (std::size_t m = 0; m < s.trajectories.size(); ++m) {
    const auto& t = s.trajectories[m];
    if (!asked[static_cast<std::size_t>(t.measure)]) continue;  // the protocol never asks it
    const std::vector<bool> none, &points = m < hide.trajectory_points.size() ? hide.trajectory_points[m] : none;
    TrajectoryOut trajectory{measure_key(t.measure), {}};
    for (std::size_t i = 0; i < t.points.size(); ++i) {
      const auto& p = t.points[i];
      const bool h = hidden(points, i);
      trajectory.points.push_back({tps[p.time_point].item_id, shown(p.n, h), shown(figure(p.mean), h),
                                   shown(figure(p.lower), h), shown(figure(p.upper), h), interval_kind(p), h});
    }
    out.trajectories.push_back(std::move(trajectory));
  }
  for (std::size_t i = 0; i < s.responders.size(); ++i) {
    const auto& r = s.responders[i];
    const bool h = hidden(hide.responders, i);
    if (service::definition_asked(r.definition, asked))
      out.responders.push_back({std::string(to_string(r.definition)), tps[r.time_point].item_id, shown(r.n, h),
                                shown(r.responders, h), shown(r.missing, h), shown(interval(r.ci), h),
                                shown(interval(r.worst_case), h), h});
  }
  out.adverse_events = adverse_events(s.adverse_events, hide);
  for (std::size_t i = 0; i < s.completeness.size(); ++i) {
    const auto& c = s.completeness[i];
    const bool h = hidden(hide.completeness, i);
    const Figure fraction =
        c.due > 0 ? figure(static_cast<double>(c.received) / static_cast<double>(c.due)) : std::nullopt;
    out.completeness.push_back(
        {tps[c.time_point].item_id, shown(c.due, h), shown(c.received, h), shown(fraction, h), h});
  }
  out.repeats = repeats(s.repeats, hide.repeats);
  for (std::size_t i = 0; i < s.claims.size(); ++i)
    out.claims.push_back(claim_result(s.claims[i], hidden(hide.claims, i)));
  out.suppressed = hide.any();
  return out;
}

}  // namespace

ClaimDefinitionOut claim_definition(const Claim& c) {
  ClaimDefinitionOut out;
  out.id = c.id;
  out.metric = std::string(to_string(c.metric));
  out.words = texts(c.words);
  out.note = texts(c.note);
  if (c.metric == ClaimMetric::not_testable) return out;  // only what it says and why it cannot be tested
  out.claimed = ClaimRangeOut{c.low, c.high};
  out.favourable = c.favourable == Favourable::high ? "high" : "low";
  out.minimum = ClaimMinimumOut{c.min_n, c.min_follow_up_days};
  if (c.definition) out.definition = std::string(to_string(*c.definition));
  if (!c.time_point.empty()) out.time_point = c.time_point;
  if (!c.until.empty()) out.until = c.until;
  if (c.day > 0) out.day = c.day;
  if (!c.categories.empty()) out.categories = c.categories;
  return out;
}

RegistrySummaryOut registry_summary_out(const service::RegistrySummary& counts) {
  return {counts.episodes_by_state, counts.adverse_events, counts.suppressed};
}

OutcomeReportOut outcome_report_out(const service::OutcomeReport& r) {
  OutcomeReportOut out;
  out.protocol = {r.protocol.id, r.protocol.version, texts(r.protocol.title)};
  out.as_of = r.as_of.iso();
  out.survival_end_point = {std::string(to_string(r.end_point)), texts(r.survival_title)};
  const service::OutcomeDefinitions d = service::outcome_definitions(r);
  out.definitions = {texts(d.treated),      texts(d.survival),       texts(d.trajectories), texts(d.responders),
                     texts(d.completeness), texts(d.adverse_events), texts(d.serious_rate), texts(d.repeats)};
  out.interval_min_n = service::kMinNForInterval;
  for (const auto& t : r.time_points) out.time_points.push_back({t.item_id, t.day, texts(t.title)});
  const outcomes::ReportSuppression& hide = r.suppressed;
  for (std::size_t i = 0; i < r.scopes.size(); ++i)
    out.scopes.push_back(scope(r.scopes[i], i < hide.scopes.size() ? hide.scopes[i] : outcomes::ScopeSuppression{},
                               r.time_points, r.measures_asked));
  if (r.log_rank) {
    const auto& lr = r.log_rank->test;
    LogRankOut log_rank{figure(lr.chisq), lr.df, figure(lr.p), {}};
    for (std::size_t g = 0; g < lr.n.size(); ++g) {
      const bool h = hidden(hide.log_rank_groups, g);
      log_rank.groups.push_back({r.log_rank->labels[g], shown(lr.n[g], h), shown(figure(lr.observed[g]), h),
                                 shown(figure(lr.expected[g]), h), h});
    }
    out.log_rank_by_centre = std::move(log_rank);
  }
  if (r.funnel) {
    const service::Funnel& f = *r.funnel;
    FunnelOut funnel;
    funnel.definition = std::string(to_string(f.definition));
    if (f.time_point >= 0) funnel.time_point = r.time_points[static_cast<std::size_t>(f.time_point)].item_id;
    funnel.overall = figure(f.overall);
    for (std::size_t i = 0; i < f.centres.size(); ++i) {
      const auto& c = f.centres[i];
      const bool h = hidden(hide.funnel_centres, i);
      const Figure rate = c.n > 0 ? figure(static_cast<double>(c.responders) / static_cast<double>(c.n)) : std::nullopt;
      funnel.centres.push_back({c.label, c.own, shown(c.n, h), shown(c.responders, h), shown(rate, h), h});
    }
    for (const auto& l : f.limits)
      funnel.limits.push_back({l.n, figure(l.lower95), figure(l.upper95), figure(l.lower998), figure(l.upper998)});
    out.funnel = std::move(funnel);
  }
  std::vector<std::string> item_ids;
  for (const auto& t : r.time_points) item_ids.push_back(t.item_id);
  if (r.cross_centre)
    out.cross_centre =
        cross_centre_out(*r.cross_centre, item_ids, {hide.cross_centre_responders, hide.cross_centre_survival});
  if (r.by_operator) out.by_operator = operator_comparison_out(*r.by_operator, item_ids);
  out.suppressed = hide.any();
  // A protocol without a claims file has no claims section.
  if (!r.claims.claims.empty()) {
    out.claims_source = texts(r.claims.source);
    out.claims.emplace();
    for (const auto& c : r.claims.claims) out.claims->push_back(claim_definition(c));
  }
  return out;
}

OutcomeReportOut outcome_report_out(const service::OutcomeReport& r, const service::EvidenceView& evidence) {
  OutcomeReportOut out = outcome_report_out(r);
  if (out.claims) out.evidence = evidence_list_out(evidence);
  return out;
}

}  // namespace rp::api::contract
