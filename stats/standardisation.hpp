#pragma once
// Indirect standardisation: each unit's (centre's, operator's) observed count of an
// outcome beside the count expected from its own case mix under a model fitted on all
// units (the sum of the model's probabilities over the unit's patients, or of each
// patient's expected events for survival). The ratio observed / expected is 1 for a unit
// that does as well as the whole registry would with the same patients; its funnel limits
// are poisson_funnel(expected).
#include <cstdint>
#include <span>
#include <vector>

#include "stats/funnel.hpp"

namespace rp::stats {

struct StandardisedUnit {
  std::int64_t n = 0;
  double observed = 0, expected = 0;
  double ratio = 0;           // observed / expected (NaN when expected is 0)
  FunnelLimits inner, outer;  // at inner_level and outer_level
  double adjusted_rate = 0;   // ratio x the registry's crude rate, the usual display
};

struct StandardisationOptions {
  double inner_level = 0.95;
  double outer_level = 0.998;
};

// unit[i] in [0, n_units); observed[i] the outcome (0/1 or an event count); expected[i]
// the model's expectation for observation i. Throws InputError naming the column for
// lengths that differ, a unit out of range or a negative or non-finite value.
std::vector<StandardisedUnit> indirect_standardisation(std::span<const int> unit, int n_units,
                                                       std::span<const double> observed,
                                                       std::span<const double> expected,
                                                       const StandardisationOptions& options = {});

}  // namespace rp::stats
