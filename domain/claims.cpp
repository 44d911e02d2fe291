#include "domain/claims.hpp"

#include <cmath>

namespace rp {

std::string_view to_string(ClaimMetric m) {
  switch (m) {
    case ClaimMetric::responder_rate:
      return "responder_rate";
    case ClaimMetric::survival_free_of_thr:
      return "survival_free_of_thr";
    case ClaimMetric::back_to_daily_activities:
      return "back_to_daily_activities";
    case ClaimMetric::serious_adverse_event_rate:
      return "serious_adverse_event_rate";
    case ClaimMetric::duration_of_benefit:
      return "duration_of_benefit";
    case ClaimMetric::adverse_event_share:
      return "adverse_event_share";
    case ClaimMetric::not_testable:
      return "not_testable";
  }
  return "?";
}

std::string_view to_string(ResponderDefinition d) {
  switch (d) {
    case ResponderDefinition::omeract_oarsi:
      return "omeract_oarsi";
    case ResponderDefinition::nrs_30:
      return "nrs_30";
    case ResponderDefinition::nrs_50:
      return "nrs_50";
    case ResponderDefinition::hoos_pain_mcid:
      return "hoos_pain_mcid";
  }
  return "?";
}

const std::vector<ResponderDefinition>& all_responder_definitions() {
  static const std::vector<ResponderDefinition> all{ResponderDefinition::omeract_oarsi, ResponderDefinition::nrs_30,
                                                    ResponderDefinition::nrs_50, ResponderDefinition::hoos_pain_mcid};
  return all;
}

std::optional<ResponderDefinition> parse_responder_definition(std::string_view text) {
  for (ResponderDefinition d : all_responder_definitions())
    if (to_string(d) == text) return d;
  return std::nullopt;
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::consistent:
      return "consistent";
    case Verdict::contradicted:
      return "contradicted";
    case Verdict::insufficient_data:
      return "insufficient_data";
    case Verdict::not_measurable:
      return "not_measurable";
    case Verdict::not_testable:
      return "not_testable";
  }
  return "?";
}

namespace {

// The interval [lower, upper] against the claimed range [low, high].
Verdict compare(const Claim& c, double lower, double upper) {
  return upper < c.low || lower > c.high ? Verdict::contradicted : Verdict::consistent;
}

}  // namespace

Judgement judge(const Claim& claim, const ClaimMeasurement& m) {
  Judgement j;
  if (claim.metric == ClaimMetric::not_testable) {
    j.verdict = j.worst_case = Verdict::not_testable;
    j.reason = "no_data_here";
    return j;
  }
  if (m.awaiting_assessment > 0) {
    // Not a lack of patients: records the clinic has and has not finished.
    j.verdict = j.worst_case = Verdict::not_measurable;
    j.reason = "events_not_assessed";
    return j;
  }
  if (m.longest_follow_up_days < claim.min_follow_up_days) {
    j.reason = "follow_up_too_short";
  } else if (m.n < claim.min_n || m.n == 0) {
    j.reason = "n_below_minimum";
  } else if (std::isnan(m.estimate) || std::isnan(m.lower) || std::isnan(m.upper)) {
    j.reason = "not_estimable";
  } else {
    j.verdict = compare(claim, m.lower, m.upper);
    j.reason = j.verdict == Verdict::contradicted ? "ci_excludes_claim" : "ci_includes_claim";
  }
  // The worst case only changes who counts: with too few patients it says nothing either.
  if (j.verdict != Verdict::insufficient_data && !std::isnan(m.worst_lower) && !std::isnan(m.worst_upper)) {
    j.worst_case = compare(claim, m.worst_lower, m.worst_upper);
  }
  return j;
}

}  // namespace rp
