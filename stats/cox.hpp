#pragma once
// Cox proportional hazards with Efron's tie correction, fitted by the same
// Newton–Raphson with step halving as survival::coxph (coxfit6): same start (beta 0),
// same convergence rule, same iteration limit, so coefficients agree to rounding.
#include <cstdint>
#include <span>
#include <vector>

#include "stats/row_cells.hpp"

namespace rp::stats {

struct CoxOptions {
  int max_iter = 20;         // coxph.control(iter.max)
  double eps = 1e-9;         // coxph.control(eps): relative change in the log-likelihood
  double toler_chol = 0;     // 0 = coxph's default, .Machine$double.eps^0.75
  double conf_level = 0.95;  // for the hazard-ratio intervals
};

struct CoxFit {
  std::vector<double> coef, se, z, p;  // p: two-sided Wald p per coefficient
  std::vector<double> hazard_ratio, hr_lower, hr_upper;
  std::vector<double> var;  // p x p row-major inverse information at the estimate
  double loglik_null = 0, loglik = 0;
  int df = 0;
  double lr_chisq = 0, lr_p = 0;        // likelihood ratio
  double wald_chisq = 0, wald_p = 0;    // Wald
  double score_chisq = 0, score_p = 0;  // score (log-rank) at beta = 0
  int iterations = 0;
  bool converged = false;
  std::int64_t n = 0, events = 0;
};

// covariates[j][i] is covariate j of observation i. Throws InputError naming "time",
// "event" or "covariates" for invalid input (negative or non-finite values, length mismatch,
// no events).
CoxFit cox_ph(std::span<const double> time, std::span<const int> event,
              const std::vector<std::span<const double>>& covariates, const CoxOptions& options = {});
// The same fit with the covariates given as patterns (stats/row_cells.hpp): observation i
// has the covariates of pattern patterns.cell_of[i]. What the form above fits after
// collapsing its columns, for a caller that knows the patterns without a column per
// covariate; patterns numbered in order of first appearance give the same figures.
CoxFit cox_ph(std::span<const double> time, std::span<const int> event, const RowCells& patterns,
              const CoxOptions& options = {});

}  // namespace rp::stats
