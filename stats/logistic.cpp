#include "stats/logistic.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "base/error.hpp"
#include "stats/distributions.hpp"
#include "stats/linear_algebra.hpp"
#include "stats/row_cells.hpp"

namespace rp::stats {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// binomial()$linkinv (C_logit_linkinv): clamped away from 0 and 1 by DBL_EPSILON.
double linkinv(double eta) {
  const double thresh = -std::log(kEps);
  if (eta < -thresh) return kEps;
  if (eta > thresh) return 1 - kEps;
  const double e = std::exp(eta);
  return e / (1 + e);
}

// binomial()$mu.eta (C_logit_mu_eta): d mu / d eta, at least DBL_EPSILON.
double mu_eta(double eta) {
  const double thresh = -std::log(kEps);
  const double opexp = 1 + std::exp(eta);
  return (eta > thresh || eta < -thresh) ? kEps : std::exp(eta) / (opexp * opexp);
}

// binomial()$dev.resids for one 0/1 observation of weight 1.
double deviance_of(int y, double mu) { return y == 1 ? -2 * std::log(mu) : -2 * std::log(1 - mu); }

void validate(std::span<const int> y, const std::vector<std::span<const double>>& x) {
  for (const auto& c : x)
    if (c.size() != y.size()) throw InputError("covariates", "covariate_outcome_lengths"_err);
  std::int64_t events = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (y[i] != 0 && y[i] != 1)
      throw InputError("outcome", "observation_outcome_invalid"_err, {{"row", std::to_string(i + 1)}});
    events += y[i];
    for (const auto& c : x)
      if (!std::isfinite(c[i]))
        throw InputError("covariates", "observation_covariates_invalid"_err, {{"row", std::to_string(i + 1)}});
  }
  // All 0 or all 1: the estimates run off to infinity (R warns and returns nonsense).
  if (events == 0 || events == static_cast<std::int64_t>(y.size()))
    throw InputError("outcome", "logistic_needs_both_outcomes"_err);
}

// The cells' outcomes 0 or 1, both present, and their covariates finite.
void validate(const RowCells& cells) {
  if (cells.width < 1) throw InputError("outcome", "covariate_outcome_lengths"_err);
  double events = 0, n = 0;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double* row = cells.row(c);
    if (row[0] != 0 && row[0] != 1)
      throw InputError("outcome", "observation_outcome_invalid"_err, {{"row", std::to_string(c + 1)}});
    for (std::size_t j = 1; j < cells.width; ++j)
      if (!std::isfinite(row[j]))
        throw InputError("covariates", "observation_covariates_invalid"_err, {{"row", std::to_string(c + 1)}});
    events += row[0] * cells.count[c];
    n += cells.count[c];
  }
  if (events == 0 || events == n) throw InputError("outcome", "logistic_needs_both_outcomes"_err);
}

}  // namespace

LogisticFit logistic_regression(std::span<const int> y, const std::vector<std::span<const double>>& x,
                                const LogisticOptions& options) {
  validate(y, x);
  // Every quantity of glm.fit's IRLS is a function of an observation's outcome and
  // covariates: it runs on cells of identical observations (outcome first), each sum's
  // term counted as many times as the cell holds observations (stats/row_cells.hpp).
  std::vector<double> outcome(y.begin(), y.end());
  std::vector<std::span<const double>> rows{outcome};
  rows.insert(rows.end(), x.begin(), x.end());
  return logistic_regression(collapse_rows(rows, y.size()), options);
}

LogisticFit logistic_regression(const RowCells& cells, const LogisticOptions& options) {
  validate(cells);
  const std::size_t n = cells.cell_of.size();
  const std::size_t k = cells.width;
  const int ki = static_cast<int>(k);
  const std::size_t m = cells.size();
  const auto yc = [&cells](std::size_t c) { return static_cast<int>(cells.row(c)[0]); };
  const auto column = [&cells](std::size_t j, std::size_t c) { return j == 0 ? 1.0 : cells.row(c)[j]; };

  LogisticFit fit;
  fit.n = static_cast<std::int64_t>(n);
  std::vector<double> mu(m), eta(m), beta(k, 0.0), xtwx(k * k), rhs(k);
  double devold = 0;
  for (std::size_t c = 0; c < m; ++c) {
    mu[c] = (yc(c) + 0.5) / 2;
    eta[c] = std::log(mu[c] / (1 - mu[c]));
    devold += cells.count[c] * deviance_of(yc(c), mu[c]);
    fit.events += static_cast<std::int64_t>(cells.count[c]) * yc(c);
  }
  // cholesky2 treats pivots below this share of the largest diagonal as 0 (aliased).
  const double toler = std::pow(kEps, 0.75);
  int rank = ki;
  double dev = devold;
  for (int iter = 1; iter <= options.max_iter; ++iter) {
    fit.iterations = iter;
    // The weighted least-squares problem of this iteration: (X'WX) beta = X'Wz.
    std::fill(xtwx.begin(), xtwx.end(), 0.0);
    std::fill(rhs.begin(), rhs.end(), 0.0);
    for (std::size_t c = 0; c < m; ++c) {
      const double d = mu_eta(eta[c]);
      const double w = cells.count[c] * d * d / (mu[c] * (1 - mu[c]));
      const double z = eta[c] + (yc(c) - mu[c]) / d;
      for (std::size_t a = 0; a < k; ++a) {
        const double wa = w * column(a, c);
        rhs[a] += wa * z;
        for (std::size_t b = 0; b <= a; ++b) xtwx[a * k + b] += wa * column(b, c);
      }
    }
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = 0; b < a; ++b) xtwx[b * k + a] = xtwx[a * k + b];
    std::vector<double> factor = xtwx;
    rank = cholesky2(factor, ki, toler);
    beta = rhs;
    chsolve2(factor, ki, beta);
    dev = 0;
    for (std::size_t c = 0; c < m; ++c) {
      double e = 0;
      for (std::size_t a = 0; a < k; ++a) e += beta[a] * column(a, c);
      eta[c] = e;
      mu[c] = linkinv(e);
      dev += cells.count[c] * deviance_of(yc(c), mu[c]);
    }
    if (std::abs(dev - devold) / (std::abs(dev) + 0.1) < options.epsilon) {
      fit.converged = true;
      break;
    }
    devold = dev;
  }

  // summary.glm: the covariance is the inverse of the last iteration's X'WX (dispersion 1).
  std::vector<double> factor = xtwx;
  cholesky2(factor, ki, toler);
  fit.var = chinv2(factor, ki);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double zc = z_for_level(options.conf_level);
  fit.rank = rank;
  for (std::size_t a = 0; a < k; ++a) {
    const bool aliased = factor[a * k + a] == 0;
    if (aliased) {
      for (std::size_t b = 0; b < k; ++b) fit.var[a * k + b] = fit.var[b * k + a] = nan;
    }
    const double c = aliased ? nan : beta[a];
    const double se = aliased ? nan : std::sqrt(fit.var[a * k + a]);
    fit.coef.push_back(c);
    fit.se.push_back(se);
    fit.z.push_back(c / se);
    fit.p.push_back(aliased ? nan : 2 * pnorm_upper(std::abs(c / se)));
    fit.odds_ratio.push_back(std::exp(c));
    fit.or_lower.push_back(std::exp(c - zc * se));
    fit.or_upper.push_back(std::exp(c + zc * se));
  }
  fit.fitted.resize(n);
  for (std::size_t i = 0; i < n; ++i) fit.fitted[i] = mu[cells.cell_of[i]];
  for (const double p : mu)
    if (p > 1 - 10 * kEps || p < 10 * kEps) fit.fitted_at_boundary = true;
  fit.deviance = dev;
  const double mean = static_cast<double>(fit.events) / static_cast<double>(n);
  for (std::size_t c = 0; c < m; ++c) fit.null_deviance += cells.count[c] * deviance_of(yc(c), mean);
  // For 0/1 outcomes -2 log-likelihood is the deviance.
  fit.aic = dev + 2.0 * rank;
  fit.df_residual = static_cast<int>(n) - rank;
  fit.df_null = static_cast<int>(n) - 1;
  return fit;
}

double logistic_predict(const LogisticFit& fit, std::span<const double> covariates) {
  double eta = std::isnan(fit.coef[0]) ? 0 : fit.coef[0];
  for (std::size_t j = 0; j < covariates.size() && j + 1 < fit.coef.size(); ++j)
    if (!std::isnan(fit.coef[j + 1])) eta += fit.coef[j + 1] * covariates[j];
  return linkinv(eta);
}

}  // namespace rp::stats
