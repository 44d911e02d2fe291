// The outcome report as JSON: what the API returns, what the CLI prints, and what the HTML
// page is rendered from. NaN (not estimable) is null.
#include <cmath>

#include "service/outcomes.hpp"

namespace rp::service {
namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json interval(const stats::Interval& i) {
  return {{"estimate", num(i.estimate)}, {"lower", num(i.lower)}, {"upper", num(i.upper)}};
}

json local(const LocalText& t) { return {{"en", t.en}, {"fa", t.fa}}; }

std::string_view measure_key(store::PromMeasure m) {
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

json survival(const SurvivalSummary& s) {
  json curve = json::array();
  for (const auto& p : s.curve) curve.push_back({num(p.day), num(p.surv), num(p.lower), num(p.upper)});
  json censored = json::array();
  for (const auto& c : s.censored) censored.push_back({num(c.day), num(c.surv), c.count});
  json at = json::array();
  for (const auto& p : s.at)
    at.push_back({{"day", p.time},
                  {"n_risk", p.n_risk},
                  {"surv", num(p.surv)},
                  {"std_err", num(p.std_err)},
                  {"lower", num(p.lower)},
                  {"upper", num(p.upper)},
                  {"beyond_follow_up", p.beyond_follow_up}});
  return {
      {"n", s.n},
      {"events", s.events},
      {"longest_follow_up_days", s.longest_follow_up_days},
      {"median",
       s.n == 0 ? json(nullptr)
                : json{{"days", num(s.median.median)}, {"lower", num(s.median.lower)}, {"upper", num(s.median.upper)}}},
      {"curve", curve},
      {"censored", censored},
      {"at", at}};
}

json claim_result(const ClaimResult& c) {
  const ClaimMeasurement& m = c.measured;
  return {{"id", c.claim_id},
          {"verdict", to_string(c.judgement.verdict)},
          {"reason", c.judgement.reason},
          {"n", m.n},
          {"events", m.events},
          {"missing", m.missing},
          {"awaiting_assessment", m.awaiting_assessment},
          {"estimate", num(m.estimate)},
          {"lower", num(m.lower)},
          {"upper", num(m.upper)},
          {"longest_follow_up_days", m.longest_follow_up_days},
          {"worst_case",
           {{"estimate", num(m.worst_estimate)},
            {"lower", num(m.worst_lower)},
            {"upper", num(m.worst_upper)},
            {"verdict", to_string(c.judgement.worst_case)}}}};
}

json scope(const ScopeReport& s, const std::vector<TimePoint>& tps,
           const std::array<bool, store::kPromMeasures>& asked) {
  json trajectories = json::array();
  for (const auto& t : s.trajectories) {
    if (!asked[static_cast<std::size_t>(t.measure)]) continue;  // the protocol never asks it
    json points = json::array();
    for (const auto& p : t.points)
      points.push_back({{"time_point", tps[p.time_point].item_id},
                        {"n", p.n},
                        {"mean", num(p.mean)},
                        {"lower", num(p.lower)},
                        {"upper", num(p.upper)},
                        {"interval", p.n < kMinNForInterval ? "n_too_small"
                                     : p.truncated          ? "kept_in_scale"
                                                            : "t"}});
    trajectories.push_back({{"measure", measure_key(t.measure)}, {"points", points}});
  }
  json responders = json::array();
  for (const auto& r : s.responders)
    if (definition_asked(r.definition, asked))
      responders.push_back({{"definition", to_string(r.definition)},
                            {"time_point", tps[r.time_point].item_id},
                            {"n", r.n},
                            {"responders", r.responders},
                            {"missing", r.missing},
                            {"rate", interval(r.ci)},
                            {"worst_case", interval(r.worst_case)}});
  const AdverseEventSummary& a = s.adverse_events;
  json grades = {{"ungraded", a.events_by_grade[0]}};
  for (int g = 1; g <= 5; ++g) grades[std::to_string(g)] = a.events_by_grade[static_cast<std::size_t>(g)];
  json completeness = json::array();
  for (const auto& c : s.completeness)
    completeness.push_back(
        {{"time_point", tps[c.time_point].item_id},
         {"due", c.due},
         {"received", c.received},
         {"fraction", c.due > 0 ? num(static_cast<double>(c.received) / static_cast<double>(c.due)) : json(nullptr)}});
  json claims = json::array();
  for (const auto& c : s.claims) claims.push_back(claim_result(c));
  json categories = json::array();
  for (const auto& [name, count] : a.by_category) categories.push_back({{"category", name}, {"events", count}});
  const RepeatSummary& rep = s.repeats;
  return {{"centre", s.centre_id ? json(*s.centre_id) : json(nullptr)},
          {"injected", s.injected},
          {"survival", survival(s.survival)},
          {"trajectories", trajectories},
          {"responders", responders},
          {"adverse_events",
           {{"events", a.events},
            {"by_grade", grades},
            {"by_category", categories},
            {"not_assessed", a.not_assessed},
            {"untriaged_red_flags", a.untriaged_red_flags},
            {"serious_events", a.serious_events},
            {"treated", a.treated},
            {"followed_days", a.followed_days},
            {"patients", a.patients},
            {"patients_with_serious", a.patients_with_serious},
            {"serious_rate", interval(a.serious_rate)}}},
          {"completeness", completeness},
          {"repeats",
           {{"repeated", rep.repeated},
            {"median_days", num(rep.median_days)},
            {"min_days", rep.repeated ? json(rep.min_days) : json(nullptr)},
            {"max_days", rep.repeated ? json(rep.max_days) : json(nullptr)}}},
          {"claims", claims}};
}

json claim_definition(const Claim& c) {
  if (c.metric == ClaimMetric::not_testable)  // only what it says and why it cannot be tested
    return {{"id", c.id}, {"metric", to_string(c.metric)}, {"words", local(c.words)}, {"note", local(c.note)}};
  json out = {{"id", c.id},
              {"metric", to_string(c.metric)},
              {"claimed", {{"low", c.low}, {"high", c.high}}},
              {"favourable", c.favourable == Favourable::high ? "high" : "low"},
              {"minimum", {{"n", c.min_n}, {"follow_up_days", c.min_follow_up_days}}},
              {"words", local(c.words)},
              {"note", local(c.note)}};
  if (c.definition) out["definition"] = to_string(*c.definition);
  if (!c.time_point.empty()) out["time_point"] = c.time_point;
  if (!c.until.empty()) out["until"] = c.until;
  if (c.day > 0) out["day"] = c.day;
  if (!c.categories.empty()) out["categories"] = c.categories;
  return out;
}

}  // namespace

nlohmann::json to_json(const OutcomeReport& r) {
  json tps = json::array();
  for (const auto& t : r.time_points) tps.push_back({{"id", t.item_id}, {"day", t.day}, {"title", local(t.title)}});
  json scopes = json::array();
  for (const auto& s : r.scopes) scopes.push_back(scope(s, r.time_points, r.measures_asked));
  json log_rank = nullptr;
  if (r.log_rank) {
    const auto& lr = r.log_rank->test;
    json groups = json::array();
    for (std::size_t g = 0; g < lr.n.size(); ++g)
      groups.push_back({{"centre", r.log_rank->labels[g]},
                        {"n", lr.n[g]},
                        {"observed", num(lr.observed[g])},
                        {"expected", num(lr.expected[g])}});
    log_rank = {{"chisq", num(lr.chisq)}, {"df", lr.df}, {"p", num(lr.p)}, {"groups", groups}};
  }
  json funnel = nullptr;
  if (r.funnel) {
    const Funnel& f = *r.funnel;
    json centres = json::array();
    for (const auto& c : f.centres)
      centres.push_back(
          {{"centre", c.label},
           {"own", c.own},
           {"n", c.n},
           {"responders", c.responders},
           {"rate", c.n > 0 ? num(static_cast<double>(c.responders) / static_cast<double>(c.n)) : json(nullptr)}});
    json limits = json::array();
    for (const auto& l : f.limits)
      limits.push_back({num(l.n), num(l.lower95), num(l.upper95), num(l.lower998), num(l.upper998)});
    funnel = {{"definition", to_string(f.definition)},
              {"time_point", f.time_point >= 0 ? json(r.time_points[f.time_point].item_id) : json(nullptr)},
              {"overall", num(f.overall)},
              {"centres", centres},
              {"limits", limits}};
  }
  // A protocol without a claims file has no claims section.
  const bool has_claims = !r.claims.claims.empty();
  json claims = has_claims ? json::array() : json(nullptr);
  for (const auto& c : r.claims.claims) claims.push_back(claim_definition(c));
  return {{"report", "outcomes"},
          {"protocol", {{"id", r.protocol.id}, {"version", r.protocol.version}, {"title", local(r.protocol.title)}}},
          {"as_of", r.as_of.iso()},
          {"survival_end_point", {{"id", to_string(r.end_point)}, {"title", local(r.survival_title)}}},
          {"definitions", outcome_definitions(r)},
          {"interval_min_n", kMinNForInterval},
          {"time_points", tps},
          {"scopes", scopes},
          {"log_rank_by_centre", log_rank},
          {"funnel", funnel},
          {"claims_source", has_claims ? local(r.claims.source) : json(nullptr)},
          {"claims", claims}};
}

}  // namespace rp::service
