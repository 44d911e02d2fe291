#include "stats/linear_algebra.hpp"

#include <cmath>
#include <utility>

namespace rp::stats {

bool solve_lu(std::vector<double> a, std::vector<double>& b, int n) {
  auto at = [&](int r, int c) -> double& { return a[static_cast<std::size_t>(r * n + c)]; };
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r) {
      if (std::abs(at(r, col)) > std::abs(at(pivot, col))) pivot = r;
    }
    if (at(pivot, col) == 0) return false;
    if (pivot != col) {
      for (int c = 0; c < n; ++c) std::swap(at(pivot, c), at(col, c));
      std::swap(b[static_cast<std::size_t>(pivot)], b[static_cast<std::size_t>(col)]);
    }
    for (int r = col + 1; r < n; ++r) {
      const double f = at(r, col) / at(col, col);
      for (int c = col; c < n; ++c) at(r, c) -= f * at(col, c);
      b[static_cast<std::size_t>(r)] -= f * b[static_cast<std::size_t>(col)];
    }
  }
  for (int r = n - 1; r >= 0; --r) {
    double s = b[static_cast<std::size_t>(r)];
    for (int c = r + 1; c < n; ++c) s -= at(r, c) * b[static_cast<std::size_t>(c)];
    b[static_cast<std::size_t>(r)] = s / at(r, r);
  }
  return true;
}

// The lower triangle holds L (unit diagonal implied) below the diagonal and D on it.
int cholesky2(std::vector<double>& a, int n, double toler) {
  auto at = [&](int r, int c) -> double& { return a[static_cast<std::size_t>(r * n + c)]; };
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) at(j, i) = at(i, j);  // work from a symmetric copy
  }
  double eps = 0;
  for (int i = 0; i < n; ++i) eps = std::max(eps, std::abs(at(i, i)));
  eps = eps == 0 ? toler : eps * toler;
  int rank = 0;
  for (int i = 0; i < n; ++i) {
    const double pivot = at(i, i);
    if (!std::isfinite(pivot) || pivot < eps) {
      at(i, i) = 0;
      for (int j = i + 1; j < n; ++j) at(j, i) = 0;
      continue;
    }
    ++rank;
    for (int j = i + 1; j < n; ++j) {
      const double temp = at(j, i) / pivot;
      at(j, j) -= temp * temp * pivot;
      for (int k = j + 1; k < n; ++k) at(k, j) -= temp * at(k, i);
      at(j, i) = temp;
    }
  }
  return rank;
}

void chsolve2(const std::vector<double>& a, int n, std::vector<double>& b) {
  auto at = [&](int r, int c) { return a[static_cast<std::size_t>(r * n + c)]; };
  for (int i = 0; i < n; ++i) {  // L y = b
    double temp = b[static_cast<std::size_t>(i)];
    for (int j = 0; j < i; ++j) temp -= b[static_cast<std::size_t>(j)] * at(i, j);
    b[static_cast<std::size_t>(i)] = temp;
  }
  for (int i = n - 1; i >= 0; --i) {  // D L' x = y
    if (at(i, i) == 0) {
      b[static_cast<std::size_t>(i)] = 0;
      continue;
    }
    double temp = b[static_cast<std::size_t>(i)] / at(i, i);
    for (int j = i + 1; j < n; ++j) temp -= b[static_cast<std::size_t>(j)] * at(j, i);
    b[static_cast<std::size_t>(i)] = temp;
  }
}

std::vector<double> chinv2(std::vector<double> a, int n) {
  // Columns of the inverse by solving against unit vectors; p is small, clarity wins.
  std::vector<double> inv(static_cast<std::size_t>(n * n), 0.0);
  for (int c = 0; c < n; ++c) {
    std::vector<double> e(static_cast<std::size_t>(n), 0.0);
    e[static_cast<std::size_t>(c)] = 1;
    chsolve2(a, n, e);
    for (int r = 0; r < n; ++r) inv[static_cast<std::size_t>(r * n + c)] = e[static_cast<std::size_t>(r)];
  }
  // A dropped (aliased) variable has no variance: zero its row and column, as chinv2 does.
  for (int i = 0; i < n; ++i) {
    if (a[static_cast<std::size_t>(i * n + i)] == 0) {
      for (int j = 0; j < n; ++j)
        inv[static_cast<std::size_t>(i * n + j)] = inv[static_cast<std::size_t>(j * n + i)] = 0;
    }
  }
  return inv;
}

}  // namespace rp::stats
