#include "stats/distributions.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "base/error.hpp"

namespace rp::stats {

double qnorm(double p) { return quantile(boost::math::normal_distribution<double>(), p); }

double pnorm_upper(double x) { return cdf(complement(boost::math::normal_distribution<double>(), x)); }

double qt(double p, double df) { return quantile(boost::math::students_t_distribution<double>(df), p); }

double pchisq_upper(double x, double df) {
  // R treats a 0-df chi-square as a point mass at 0 and answers 1 at x = 0, 0 beyond.
  if (df == 0) return x > 0 ? 0.0 : 1.0;
  return cdf(complement(boost::math::chi_squared_distribution<double>(df), x));
}

double qbeta(double p, double a, double b) { return quantile(boost::math::beta_distribution<double>(a, b), p); }

double z_for_level(double conf_level) {
  if (!(conf_level > 0 && conf_level < 1)) throw InputError("conf_level", "conf_level_range"_err);
  return qnorm(1 - (1 - conf_level) / 2);
}

}  // namespace rp::stats
