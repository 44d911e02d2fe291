#pragma once
// Responder rules. Every threshold comes from ResponderThresholds (loaded once from
// instruments/responder-thresholds.yaml, where each carries its citation).
//
// Inputs are decimals (e.g. HOOS 52.5); a difference of two decimals can miss an exact
// boundary by one floating-point step, so "at least" comparisons allow 1e-9. An
// improvement of exactly 50 % and exactly 20 points is therefore a high response.
#include <optional>
#include <string_view>

#include "domain/instruments/responder_thresholds.hpp"

namespace rp::instruments {

// ---- OMERACT-OARSI (Pham et al. 2004) ----
// Pain, function and patient global on 0–100 scales where higher = worse
// (for HOOS pass 100 − subscale; for an NRS pass 10 × NRS).
struct OarsiDomains {
  double pain = 0, function = 0, global = 0;
};

enum class OarsiCriterion { high, moderate };
std::string_view oarsi_criterion_name(OarsiCriterion c);

struct OarsiResult {
  bool responder = false;
  std::optional<OarsiCriterion> criterion;  // high wins when both hold
};

// Throws InputError("<prefix>.pain" ...) for a value outside 0–100.
void validate_oarsi_domains(const OarsiDomains& d, std::string_view prefix);

// High: pain or function improves by ≥ high.relative of baseline and ≥ high.absolute
// points. Moderate: at least moderate.min_domains of {pain, function, global} improve by
// ≥ moderate.relative and ≥ moderate.absolute. A domain whose baseline is 0 cannot
// improve and never counts.
OarsiResult oarsi_responder(const OarsiDomains& baseline, const OarsiDomains& followup, const OarsiThresholds& t);

// True when `followup` is at least `relative` × baseline and `absolute` points better
// than `baseline` on a higher = worse scale; false when baseline is 0.
bool improved_by(double baseline, double followup, double relative, double absolute);

// ---- IMMPACT pain NRS (Dworkin et al. 2008) ----
struct ImmpactResult {
  std::optional<double> reduction;  // (baseline − follow-up) / baseline; null when baseline is 0
  bool moderate = false;            // ≥ 30 % by default
  bool substantial = false;         // ≥ 50 % by default
};
// NRS 0–10 integers; throws InputError("<field>") out of range.
ImmpactResult immpact_nrs_response(int baseline, int followup, const ImmpactThresholds& t);

// ---- HOOS Pain MCID ----
// HOOS Pain is 0–100 with 100 = no pain, so improvement = follow-up − baseline.
struct McidResult {
  double improvement = 0;
  bool met = false;
};
McidResult hoos_pain_mcid(double baseline, double followup, const McidThreshold& t);

}  // namespace rp::instruments
