#pragma once
// The few distribution functions the estimators need, as thin wrappers over
// Boost.Math (header-only, accurate to a few ulps), named after R's functions so a
// reader can compare the formulas with R's source line by line.
namespace rp::stats {

double qnorm(double p);                      // standard normal quantile
double pnorm_upper(double x);                // P(Z > x)
double qt(double p, double df);              // Student t quantile
double pchisq_upper(double x, double df);    // P(X > x), as pchisq(x, df, lower.tail = FALSE)
double qbeta(double p, double a, double b);  // beta quantile

// Two-sided normal critical value for a confidence level: qnorm(1 - (1 - level) / 2).
double z_for_level(double conf_level);

}  // namespace rp::stats
