#pragma once
// Point estimates with confidence intervals for proportions and means.
#include <cstdint>
#include <span>

namespace rp::stats {

struct Interval {
  double estimate, lower, upper;
};

// Wilson score interval: R's prop.test(k, n, correct = FALSE)$conf.int (no continuity
// correction), including prop.test's clamp to 0 at k = 0 and 1 at k = n.
// Throws InputError("successes"/"n") unless 0 <= k <= n and n > 0.
Interval wilson(std::int64_t successes, std::int64_t n, double conf_level = 0.95);

// Clopper–Pearson exact interval: R's binom.test(k, n)$conf.int.
Interval clopper_pearson(std::int64_t successes, std::int64_t n, double conf_level = 0.95);

// Mean with a t-based interval: R's t.test(x)$conf.int. Needs at least two values.
Interval mean_ci(std::span<const double> values, double conf_level = 0.95);

// Mean of after - before with a t-based interval: t.test(after, before, paired = TRUE).
Interval mean_change_ci(std::span<const double> before, std::span<const double> after, double conf_level = 0.95);

}  // namespace rp::stats
