#pragma once
// Log-rank test for k groups, as survival::survdiff(rho = 0) computes it.
#include <cstdint>
#include <vector>

#include "stats/survival_data.hpp"

namespace rp::stats {

struct LogRank {
  std::vector<std::int64_t> n;             // observations per group
  std::vector<double> observed, expected;  // events per group, and expected under H0
  std::vector<double> variance;            // k x k row-major, survdiff's $var
  double chisq = 0;
  int df = 0;  // groups with expected > 0, minus one
  double p = 0;
};

// Groups with no expected events are left out of the test, and one group is dropped to
// make the variance invertible, as survdiff does. Throws InputError("group") for k < 2,
// or if the reduced variance matrix is singular.
LogRank log_rank(const SortedSurvival& data);

}  // namespace rp::stats
