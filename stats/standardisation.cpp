#include "stats/standardisation.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "base/error.hpp"

namespace rp::stats {

std::vector<StandardisedUnit> indirect_standardisation(std::span<const int> unit, int n_units,
                                                       std::span<const double> observed,
                                                       std::span<const double> expected,
                                                       const StandardisationOptions& options) {
  if (observed.size() != unit.size()) throw InputError("observed", "column_lengths_differ"_err);
  if (expected.size() != unit.size()) throw InputError("expected", "column_lengths_differ"_err);
  std::vector<StandardisedUnit> out(static_cast<std::size_t>(n_units < 0 ? 0 : n_units));
  double total_observed = 0;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    if (unit[i] < 0 || unit[i] >= n_units)
      throw InputError("unit", "observation_unit_invalid"_err, {{"row", std::to_string(i + 1)}});
    if (!(observed[i] >= 0) || !std::isfinite(observed[i]))
      throw InputError("observed", "observation_count_invalid"_err, {{"row", std::to_string(i + 1)}});
    if (!(expected[i] >= 0) || !std::isfinite(expected[i]))
      throw InputError("expected", "observation_count_invalid"_err, {{"row", std::to_string(i + 1)}});
    auto& u = out[static_cast<std::size_t>(unit[i])];
    ++u.n;
    u.observed += observed[i];
    u.expected += expected[i];
    total_observed += observed[i];
  }
  const double crude = unit.empty() ? 0.0 : total_observed / static_cast<double>(unit.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (auto& u : out) {
    if (u.expected > 0) {
      u.ratio = u.observed / u.expected;
      u.inner = poisson_funnel(u.expected, options.inner_level);
      u.outer = poisson_funnel(u.expected, options.outer_level);
    } else {
      u.ratio = nan;
      u.inner = u.outer = {nan, nan};
    }
    u.adjusted_rate = u.ratio * crude;
  }
  return out;
}

}  // namespace rp::stats
