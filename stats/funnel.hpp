#pragma once
// Funnel plot control limits (Spiegelhalter, "Funnel plots for comparing institutional
// performance", Stat Med 2005;24:1185-1202): the range a unit's figure falls in with
// probability `level` when the unit performs as the target, exact for its size, with the
// interpolation that makes the limits smooth in the unit's size. Levels 0.95 and 0.998
// are the usual pair (about 2 and 3 standard deviations).
#include <cstdint>

namespace rp::stats {

struct FunnelLimits {
  double lower = 0, upper = 0;
};

// A proportion of `n` (responders among a centre's patients) against target `target`:
// binomial, on the proportion's scale. n >= 1, 0 < target < 1, 0 < level < 1.
FunnelLimits binomial_funnel(double target, std::int64_t n, double level);

// An indirectly standardised ratio observed / expected (expected > 0, from a case-mix
// model fitted on all centres) against 1: Poisson, on the ratio's scale.
FunnelLimits poisson_funnel(double expected, double level);

// One limit: the interpolated quantile r_P - alpha (Spiegelhalter's appendix) at
// probability `p`, divided by the scale (n or expected), never below 0 (a small unit's
// interpolated lower limit can be) nor, for a proportion, above 1.
double binomial_funnel_point(double target, std::int64_t n, double p);
double poisson_funnel_point(double expected, double p);

}  // namespace rp::stats
