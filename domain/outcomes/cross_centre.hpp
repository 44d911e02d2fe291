#pragma once
// The cross-centre comparison, adjusted for case mix: which centres (and, within a
// centre, which injecting operators) have more or fewer responders, and more or fewer
// hip replacements, than the whole registry would have with the same patients.
//
// One model per outcome is fitted on every centre's treated joints, with age band, KL
// grade and cell source as factors (each with an "unknown" level, so no joint is left
// out for a missing fact): a logistic model of responding at the protocol's funnel time
// point, and a Cox model of survival free of the protocol's end point. Each joint's
// expectation under the model, summed over a unit's joints, is that unit's expected count
// (indirect standardisation); observed / expected is plotted against the Poisson funnel
// limits at 95 % and 99.8 %. For responders a ratio above 1 is better than expected; for
// the end point (a failure) a ratio above 1 is worse.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/claims.hpp"
#include "domain/protocol.hpp"

namespace rp::outcomes {

// A factor level's effect against the factor's reference level (its most frequent):
// the odds ratio of responding, or the hazard ratio of the end point, with a 95 % Wald
// interval. NaN when the other levels determine it (aliased).
struct CaseMixTerm {
  std::string factor;     // age_band | kl_grade | cell_source
  std::string level;      // "60-64", "3", "adipose", "unknown"
  std::string reference;  // the factor's reference level
  std::int64_t n = 0;     // joints at this level among those fitted
  double ratio = 0, lower = 0, upper = 0, p = 0;
};

// Why a comparison has no adjusted figure, or why its figure needs care.
enum class FitWarning {
  too_few_events,         // fewer than kMinModelEvents events (or non-events): no model fitted
  no_case_mix_variation,  // every fitted joint has the same age band, grade and source: nothing to adjust for
  not_converged,          // the fit did not converge: no adjusted figure
  separation,             // some level has only one outcome: its estimate runs off (figures still given)
};
inline constexpr std::int64_t kMinModelEvents = 10;
LocalText fit_warning_text(FitWarning w);
std::string_view to_string(FitWarning w);

// A unit (centre or operator): observed and expected counts, their ratio with the funnel
// limits at its expected count, and the adjusted rate (ratio x the registry's crude rate).
struct AdjustedUnit {
  std::string label;
  bool own = false;  // the reader's own centre
  std::int64_t n = 0;
  double observed = 0, expected = 0, ratio = 0, adjusted_rate = 0;
  double lower95 = 0, upper95 = 0, lower998 = 0, upper998 = 0;  // limits of the ratio
};

// The funnel's limits of observed / expected drawn against the expected count.
struct RatioLimit {
  double expected, lower95, upper95, lower998, upper998;
};

struct AdjustedComparison {
  // Joints the model used: for responders those whose status at the time point is known
  // (a conversion before it is a known failure); for survival every treated joint.
  std::int64_t n = 0, events = 0;
  bool adjusted = false;  // false: no adjusted figure (the warnings say why)
  std::vector<FitWarning> warnings;
  double crude_rate = 0;  // events / n across the registry (NaN without joints)
  std::vector<CaseMixTerm> terms;
  std::vector<AdjustedUnit> units;  // empty when not adjusted
  std::vector<RatioLimit> limits;
};

struct CrossCentre {
  ResponderDefinition definition = ResponderDefinition::omeract_oarsi;
  int time_point = 0;             // the responders' time point (index into the report's)
  AdjustedComparison responders;  // events: responders
  AdjustedComparison survival;    // events: the end point (joint replacement)
};

// One operator's consecutive results in injection order: a risk-adjusted Bernoulli CUSUM
// of non-response (the model's risk of not responding as each patient's expectation),
// which signals when the evidence that the operator's odds of non-response are
// kCusumOddsRatio times the registry's outweighs the evidence that they are not.
inline constexpr double kCusumOddsRatio = 2.0, kCusumThreshold = 4.5;
struct OperatorCusum {
  std::string label;
  std::vector<double> value;          // after each result
  std::vector<std::int64_t> signals;  // 0-based results at which the chart crossed the threshold
};

// The same comparison by injecting operator, within one centre, with the models fitted on
// every centre's joints (so an operator is compared with the registry, not only with
// colleagues).
struct OperatorComparison {
  std::string centre_id;
  CrossCentre figures;  // units are the centre's operators
  std::vector<OperatorCusum> cusums;
};

}  // namespace rp::outcomes
