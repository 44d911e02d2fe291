#pragma once
// Small dense solvers for the k-by-k and p-by-p systems of the log-rank test and
// the Cox model (k, p are a handful). Row-major storage.
#include <vector>

namespace rp::stats {

// Solves A x = b by Gaussian elimination with partial pivoting (LAPACK dgesv's method,
// which R's solve() calls). Returns false if A is singular.
bool solve_lu(std::vector<double> a, std::vector<double>& b, int n);

// Cholesky decomposition of a symmetric positive semi-definite matrix as survival's
// cholesky2: LDL' in place, pivots below toler * (largest diagonal) are treated as 0 and
// their variables dropped (the generalised inverse coxph uses). Returns the rank.
int cholesky2(std::vector<double>& a, int n, double toler);
// Solves with the factor from cholesky2 (dropped variables get 0), as chsolve2.
void chsolve2(const std::vector<double>& a, int n, std::vector<double>& b);
// Inverse of the original matrix from cholesky2's factor, as chinv2 (dropped rows/cols 0).
std::vector<double> chinv2(std::vector<double> a, int n);

}  // namespace rp::stats
