#include "stats/log_rank.hpp"

#include <limits>

#include "base/error.hpp"
#include "stats/distributions.hpp"
#include "stats/linear_algebra.hpp"

namespace rp::stats {

LogRank log_rank(const SortedSurvival& data) {
  const int k = data.n_groups();
  if (k < 2) throw InputError("group", "log_rank_two_groups"_err);
  const auto ku = static_cast<std::size_t>(k);
  LogRank out;
  out.n = data.group_sizes();
  out.observed.assign(ku, 0.0);
  out.expected.assign(ku, 0.0);
  out.variance.assign(ku * ku, 0.0);
  std::vector<double> risk(out.n.begin(), out.n.end());  // at risk per group at the current time
  std::vector<double> deaths_in(ku, 0.0);
  const auto obs = data.observations();
  double nrisk = static_cast<double>(obs.size());
  for (std::size_t i = 0; i < obs.size();) {
    // One block of equal times; survdiff2's loop over a tied set.
    std::size_t j = i;
    double deaths = 0;
    while (j < obs.size() && obs[j].time == obs[i].time) {
      if (obs[j].event) {
        deaths += 1;
        deaths_in[static_cast<std::size_t>(obs[j].group)] += 1;
      }
      ++j;
    }
    if (deaths > 0) {
      for (std::size_t g = 0; g < ku; ++g) {
        out.observed[g] += deaths_in[g];
        out.expected[g] += deaths * risk[g] / nrisk;
        deaths_in[g] = 0;
      }
      if (nrisk > 1) {
        const double kk = deaths * (nrisk - deaths) / (nrisk * (nrisk - 1));
        for (std::size_t a = 0; a < ku; ++a) {
          if (risk[a] == 0) continue;
          const double tmp = kk * risk[a];
          out.variance[a * ku + a] += tmp;
          for (std::size_t b = 0; b < ku; ++b) out.variance[b * ku + a] -= tmp * risk[b] / nrisk;
        }
      }
    }
    for (std::size_t r = i; r < j; ++r) risk[static_cast<std::size_t>(obs[r].group)] -= 1;
    nrisk -= static_cast<double>(j - i);
    i = j;
  }

  // survdiff: keep groups with expected > 0, drop the first kept one, solve.
  std::vector<std::size_t> kept;
  for (std::size_t g = 0; g < ku; ++g) {
    if (out.expected[g] > 0) kept.push_back(g);
  }
  out.df = static_cast<int>(kept.size()) - 1;
  if (kept.size() >= 2) {
    const int m = static_cast<int>(kept.size()) - 1;
    std::vector<double> vv(static_cast<std::size_t>(m * m));
    std::vector<double> diff(static_cast<std::size_t>(m));
    for (int a = 0; a < m; ++a) {
      const std::size_t ga = kept[static_cast<std::size_t>(a + 1)];
      diff[static_cast<std::size_t>(a)] = out.observed[ga] - out.expected[ga];
      for (int b = 0; b < m; ++b) {
        vv[static_cast<std::size_t>(a * m + b)] = out.variance[ga * ku + kept[static_cast<std::size_t>(b + 1)]];
      }
    }
    std::vector<double> x = diff;
    if (!solve_lu(vv, x, m)) throw InputError("group", "log_rank_singular"_err);
    out.chisq = 0;
    for (int a = 0; a < m; ++a) out.chisq += x[static_cast<std::size_t>(a)] * diff[static_cast<std::size_t>(a)];
  }
  // With no events at all R reports df = -1 and p = NaN.
  out.p = out.df < 0 ? std::numeric_limits<double>::quiet_NaN() : pchisq_upper(out.chisq, out.df);
  return out;
}

}  // namespace rp::stats
