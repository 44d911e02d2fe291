#pragma once
// Logistic regression (binomial family, logit link) fitted as R's glm.fit: the same start
// (mu = (y + 1/2) / 2), iteratively reweighted least squares with the same convergence
// rule (|deviance change| / (|deviance| + 0.1) < epsilon) and iteration limit, and the
// covariance from the last iteration's weights, as summary.glm reports it. The registry
// uses it for case-mix adjustment: each centre's expected responders are the sum of the
// model's probabilities over its patients (stats/standardisation.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "stats/row_cells.hpp"

namespace rp::stats {

struct LogisticOptions {
  int max_iter = 25;         // glm.control(maxit)
  double epsilon = 1e-8;     // glm.control(epsilon)
  double conf_level = 0.95;  // Wald intervals of the odds ratios (confint.default)
};

// Coefficients in the order intercept, then the covariates as given. A covariate the
// others determine (aliased) gets NaN, as R's NA.
struct LogisticFit {
  std::vector<double> coef, se, z, p;  // p: two-sided Wald p
  std::vector<double> odds_ratio, or_lower, or_upper;
  std::vector<double> var;     // (k x k) row-major, k = covariates + 1; NaN rows for aliased
  std::vector<double> fitted;  // each observation's probability at the estimate
  double deviance = 0, null_deviance = 0, aic = 0;
  int df_residual = 0, df_null = 0, rank = 0;
  int iterations = 0;
  bool converged = false;
  // Some fitted probability is within 10 machine epsilons of 0 or 1: the outcome is
  // (nearly) separated by the covariates and the estimates run off (glm.fit's warning).
  bool fitted_at_boundary = false;
  std::int64_t n = 0, events = 0;
};

// covariates[j][i] is covariate j of observation i; outcome[i] is 0 or 1. Throws
// InputError naming "outcome" or "covariates" for invalid input (lengths, values other
// than 0/1, non-finite covariates, only one outcome among the observations).
LogisticFit logistic_regression(std::span<const int> outcome, const std::vector<std::span<const double>>& covariates,
                                const LogisticOptions& options = {});

// The same fit on observations already collapsed into cells (stats/row_cells.hpp), each
// cell's row its outcome then its covariates: what the form above fits after collapsing
// them, for a caller that knows the cells without a column per covariate. The cells'
// order is the sums' order, so cells in order of first appearance give the same figures.
LogisticFit logistic_regression(const RowCells& cells, const LogisticOptions& options = {});

// The probability the fitted model gives a new observation (covariates in fit order);
// aliased coefficients count as 0, as predict.glm does.
double logistic_predict(const LogisticFit& fit, std::span<const double> covariates);

}  // namespace rp::stats
