#include "api/contract/reports.hpp"

#include <cmath>

namespace rp::api::contract {
namespace {

Figure figure(double v) { return std::isfinite(v) ? Figure(v) : std::nullopt; }

IntervalOut interval(const stats::Interval& i) { return {figure(i.estimate), figure(i.lower), figure(i.upper)}; }

Texts texts(const LocalText& t) { return {t.en, t.fa}; }

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

SurvivalOut survival(const service::SurvivalSummary& s) {
  SurvivalOut out;
  out.n = s.n;
  out.events = s.events;
  out.longest_follow_up_days = s.longest_follow_up_days;
  if (s.n != 0) out.median = MedianOut{figure(s.median.median), figure(s.median.lower), figure(s.median.upper)};
  for (const auto& p : s.curve) out.curve.push_back({p.day, figure(p.surv), figure(p.lower), figure(p.upper)});
  for (const auto& c : s.censored) out.censored.push_back({c.day, figure(c.surv), c.count});
  for (const auto& p : s.at)
    out.at.push_back(
        {p.time, p.n_risk, figure(p.surv), figure(p.std_err), figure(p.lower), figure(p.upper), p.beyond_follow_up});
  return out;
}

ClaimResultOut claim_result(const service::ClaimResult& c) {
  const ClaimMeasurement& m = c.measured;
  ClaimResultOut out;
  out.id = c.claim_id;
  out.verdict = c.judgement.verdict;
  out.reason = c.judgement.reason;
  out.n = m.n;
  out.events = m.events;
  out.missing = m.missing;
  out.awaiting_assessment = m.awaiting_assessment;
  out.estimate = figure(m.estimate);
  out.lower = figure(m.lower);
  out.upper = figure(m.upper);
  out.longest_follow_up_days = m.longest_follow_up_days;
  static_cast<IntervalOut&>(out.worst_case) = {figure(m.worst_estimate), figure(m.worst_lower), figure(m.worst_upper)};
  out.worst_case.verdict = c.judgement.worst_case;
  return out;
}

std::string interval_kind(const service::TrajectoryPoint& p) {
  if (p.n < service::kMinNForInterval) return "n_too_small";
  return p.truncated ? "kept_in_scale" : "t";
}

ScopeOut scope(const service::ScopeReport& s, const std::vector<service::TimePoint>& tps,
               const std::array<bool, store::kPromMeasures>& asked) {
  ScopeOut out;
  out.centre = s.centre_id;
  out.injected = s.injected;
  out.survival = survival(s.survival);
  for (const auto& t : s.trajectories) {
    if (!asked[static_cast<std::size_t>(t.measure)]) continue;  // the protocol never asks it
    TrajectoryOut trajectory{measure_key(t.measure), {}};
    for (const auto& p : t.points)
      trajectory.points.push_back(
          {tps[p.time_point].item_id, p.n, figure(p.mean), figure(p.lower), figure(p.upper), interval_kind(p)});
    out.trajectories.push_back(std::move(trajectory));
  }
  for (const auto& r : s.responders)
    if (service::definition_asked(r.definition, asked))
      out.responders.push_back({std::string(to_string(r.definition)), tps[r.time_point].item_id, r.n, r.responders,
                                r.missing, interval(r.ci), interval(r.worst_case)});
  const service::AdverseEventSummary& a = s.adverse_events;
  AdverseEventsOut& events = out.adverse_events;
  events.events = a.events;
  const auto& grades = a.events_by_grade;  // [0]: not graded, then grades 1..5
  events.by_grade = {grades[0], grades[1], grades[2], grades[3], grades[4], grades[5]};
  for (const auto& [name, count] : a.by_category) events.by_category.push_back({name, count});
  events.not_assessed = a.not_assessed;
  events.untriaged_red_flags = a.untriaged_red_flags;
  events.serious_events = a.serious_events;
  events.treated = a.treated;
  events.followed_days = a.followed_days;
  events.patients = a.patients;
  events.patients_with_serious = a.patients_with_serious;
  events.serious_rate = interval(a.serious_rate);
  for (const auto& c : s.completeness)
    out.completeness.push_back(
        {tps[c.time_point].item_id, c.due, c.received,
         c.due > 0 ? figure(static_cast<double>(c.received) / static_cast<double>(c.due)) : std::nullopt});
  const service::RepeatSummary& rep = s.repeats;
  out.repeats.repeated = rep.repeated;
  out.repeats.median_days = figure(rep.median_days);
  if (rep.repeated) {
    out.repeats.min_days = rep.min_days;
    out.repeats.max_days = rep.max_days;
  }
  for (const auto& c : s.claims) out.claims.push_back(claim_result(c));
  return out;
}

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

}  // namespace

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
  for (const auto& s : r.scopes) out.scopes.push_back(scope(s, r.time_points, r.measures_asked));
  if (r.log_rank) {
    const auto& lr = r.log_rank->test;
    LogRankOut log_rank{figure(lr.chisq), lr.df, figure(lr.p), {}};
    for (std::size_t g = 0; g < lr.n.size(); ++g)
      log_rank.groups.push_back({r.log_rank->labels[g], lr.n[g], figure(lr.observed[g]), figure(lr.expected[g])});
    out.log_rank_by_centre = std::move(log_rank);
  }
  if (r.funnel) {
    const service::Funnel& f = *r.funnel;
    FunnelOut funnel;
    funnel.definition = std::string(to_string(f.definition));
    if (f.time_point >= 0) funnel.time_point = r.time_points[static_cast<std::size_t>(f.time_point)].item_id;
    funnel.overall = figure(f.overall);
    for (const auto& c : f.centres)
      funnel.centres.push_back(
          {c.label, c.own, c.n, c.responders,
           c.n > 0 ? figure(static_cast<double>(c.responders) / static_cast<double>(c.n)) : std::nullopt});
    for (const auto& l : f.limits)
      funnel.limits.push_back({l.n, figure(l.lower95), figure(l.upper95), figure(l.lower998), figure(l.upper998)});
    out.funnel = std::move(funnel);
  }
  std::vector<std::string> item_ids;
  for (const auto& t : r.time_points) item_ids.push_back(t.item_id);
  if (r.cross_centre) out.cross_centre = cross_centre_out(*r.cross_centre, item_ids);
  if (r.by_operator) out.by_operator = operator_comparison_out(*r.by_operator, item_ids);
  // A protocol without a claims file has no claims section.
  if (!r.claims.claims.empty()) {
    out.claims_source = texts(r.claims.source);
    out.claims.emplace();
    for (const auto& c : r.claims.claims) out.claims->push_back(claim_definition(c));
  }
  return out;
}

}  // namespace rp::api::contract
