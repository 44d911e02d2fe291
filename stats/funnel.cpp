#include "stats/funnel.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>

#include "base/error.hpp"

namespace rp::stats {
namespace {

// R's qbinom/qpois: the smallest count r with F(r) >= p, by bisection on Boost's exact
// CDF (monotone in r), bounded by `hi` (n for the binomial; grown for the Poisson).
template <typename Cdf>
double smallest_count_reaching(const Cdf& cdf, double p, double hi) {
  double lo = -1;  // F(-1) = 0 < p
  while (cdf(hi) < p) hi *= 2;
  while (hi - lo > 1) {
    const double mid = std::floor((lo + hi) / 2);
    (cdf(mid) >= p ? hi : lo) = mid;
  }
  return hi;
}

template <typename Cdf>
double interpolated(const Cdf& cdf, double p, double hi) {
  const double r = smallest_count_reaching(cdf, p, hi);
  const double at = cdf(r);
  const double below = r > 0 ? cdf(r - 1) : 0.0;
  const double alpha = (at - p) / (at - below);
  return r - alpha;
}

void check_funnel_level(double level) {
  if (!(level > 0 && level < 1)) throw InputError("level", "funnel_level_invalid"_err);
}

}  // namespace

double binomial_funnel_point(double target, std::int64_t n, double p) {
  if (n < 1) throw InputError("n", "n_not_positive"_err);
  if (!(target > 0 && target < 1)) throw InputError("target", "funnel_target_invalid"_err);
  const boost::math::binomial_distribution<double> d(static_cast<double>(n), target);
  const auto cdf = [&d](double r) { return r < 0 ? 0.0 : boost::math::cdf(d, r); };
  return std::clamp(interpolated(cdf, p, static_cast<double>(n)) / static_cast<double>(n), 0.0, 1.0);
}

double poisson_funnel_point(double expected, double p) {
  if (!(expected > 0) || !std::isfinite(expected)) throw InputError("expected", "funnel_expected_invalid"_err);
  const boost::math::poisson_distribution<double> d(expected);
  const auto cdf = [&d](double r) { return r < 0 ? 0.0 : boost::math::cdf(d, r); };
  return std::max(0.0, interpolated(cdf, p, std::ceil(expected) + 1) / expected);
}

FunnelLimits binomial_funnel(double target, std::int64_t n, double level) {
  check_funnel_level(level);
  const double tail = (1 - level) / 2;
  return {binomial_funnel_point(target, n, tail), binomial_funnel_point(target, n, 1 - tail)};
}

FunnelLimits poisson_funnel(double expected, double level) {
  check_funnel_level(level);
  const double tail = (1 - level) / 2;
  return {poisson_funnel_point(expected, tail), poisson_funnel_point(expected, 1 - tail)};
}

}  // namespace rp::stats
