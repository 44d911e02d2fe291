#include "stats/interval.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "stats/distributions.hpp"

namespace rp::stats {
namespace {

void check_counts(std::int64_t k, std::int64_t n) {
  if (n <= 0) throw InputError("n", "n_not_positive"_err);
  if (k < 0) throw InputError("successes", "successes_negative"_err);
  if (k > n)
    throw InputError("successes", "successes_exceed_n"_err,
                     {{"successes", std::to_string(k)}, {"n", std::to_string(n)}});
}

void check_conf_level(double conf_level) {
  if (!(conf_level > 0 && conf_level < 1)) throw InputError("conf_level", "conf_level_range"_err);
}

}  // namespace

Interval wilson(std::int64_t successes, std::int64_t n, double conf_level) {
  check_counts(successes, n);
  const double z = z_for_level(conf_level);
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  // stats:::prop.test with YATES = 0, term for term.
  const double z22n = z * z / (2 * nn);
  const double spread = z * std::sqrt(p * (1 - p) / nn + z22n / (2 * nn));
  const double upper = p >= 1 ? 1.0 : (p + z22n + spread) / (1 + 2 * z22n);
  const double lower = p <= 0 ? 0.0 : (p + z22n - spread) / (1 + 2 * z22n);
  return {p, lower, upper};
}

Interval clopper_pearson(std::int64_t successes, std::int64_t n, double conf_level) {
  check_counts(successes, n);
  check_conf_level(conf_level);
  const double alpha = (1 - conf_level) / 2;
  const double x = static_cast<double>(successes), nn = static_cast<double>(n);
  const double lower = successes == 0 ? 0.0 : qbeta(alpha, x, nn - x + 1);
  const double upper = successes == n ? 1.0 : qbeta(1 - alpha, x + 1, nn - x);
  return {x / nn, lower, upper};
}

Interval mean_ci(std::span<const double> values, double conf_level) {
  check_conf_level(conf_level);
  const std::size_t n = values.size();
  if (n < 2) throw InputError("values", "t_interval_two_values"_err);
  double sum = 0;
  for (const double v : values) {
    if (!std::isfinite(v)) throw InputError("values", "values_not_finite"_err);
    sum += v;
  }
  const double mean = sum / static_cast<double>(n);
  double ss = 0;  // two-pass variance, as R's var()
  for (const double v : values) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n));
  const double t = qt(1 - (1 - conf_level) / 2, static_cast<double>(n - 1));
  return {mean, mean - t * se, mean + t * se};
}

Interval mean_change_ci(std::span<const double> before, std::span<const double> after, double conf_level) {
  if (before.size() != after.size()) throw InputError("values", "before_after_lengths"_err);
  std::vector<double> change(before.size());
  for (std::size_t i = 0; i < before.size(); ++i) change[i] = after[i] - before[i];
  return mean_ci(change, conf_level);
}

}  // namespace rp::stats
