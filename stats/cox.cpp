#include "stats/cox.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <tuple>

#include "base/error.hpp"
#include "stats/distributions.hpp"
#include "stats/linear_algebra.hpp"
#include "stats/row_cells.hpp"
#include "stats/time_order.hpp"

namespace rp::stats {
namespace {

// Cells of identical observations (time, event, covariate pattern) in time order: every
// sum over the risk set or the deaths counts a cell's term as many times as it holds
// observations, and exp(x'beta) is taken once per pattern (stats/row_cells.hpp). The
// patterns' covariates are centred, row-major; centring keeps exp(x'beta) in range and
// leaves the likelihood and the Newton iterates unchanged.
struct Design {
  std::vector<double> time;
  std::vector<int> event;
  std::vector<double> count;
  std::vector<std::uint32_t> pattern;  // of each cell
  std::vector<double> x;               // patterns x p
  int p = 0;
};

struct Evaluation {
  double loglik = 0;
  std::vector<double> u, imat;  // score and information (p x p, upper triangle filled symmetric)
};

// One pass from the latest time backwards, accumulating the risk set (coxfit6's loop).
Evaluation evaluate(const Design& d, const std::vector<double>& beta) {
  const auto p = static_cast<std::size_t>(d.p);
  Evaluation ev;
  ev.u.assign(p, 0.0);
  ev.imat.assign(p * p, 0.0);
  std::vector<double> a(p, 0.0), a2(p, 0.0), cmat(p * p, 0.0), cmat2(p * p, 0.0);
  const std::size_t patterns = d.x.size() / std::max<std::size_t>(p, 1);
  std::vector<double> zbetas(patterns), risks(patterns);
  for (std::size_t g = 0; g < patterns; ++g) {
    for (std::size_t j = 0; j < p; ++j) zbetas[g] += beta[j] * d.x[g * p + j];
    risks[g] = std::exp(zbetas[g]);
  }
  double denom = 0;
  std::ptrdiff_t cell_at = static_cast<std::ptrdiff_t>(d.time.size()) - 1;
  while (cell_at >= 0) {
    const double dtime = d.time[static_cast<std::size_t>(cell_at)];
    int ndead = 0;
    double denom2 = 0;
    std::fill(a2.begin(), a2.end(), 0.0);
    std::fill(cmat2.begin(), cmat2.end(), 0.0);
    for (; cell_at >= 0 && d.time[static_cast<std::size_t>(cell_at)] == dtime; --cell_at) {
      const auto cell = static_cast<std::size_t>(cell_at);
      const std::size_t g = d.pattern[cell];
      const double* xi = &d.x[g * p];
      const double count = d.count[cell];
      const double zbeta = zbetas[g];
      const double risk = count * risks[g];
      if (d.event[cell] == 0) {
        denom += risk;
        for (std::size_t i = 0; i < p; ++i) {
          a[i] += risk * xi[i];
          for (std::size_t j = 0; j <= i; ++j) cmat[i * p + j] += risk * xi[i] * xi[j];
        }
      } else {
        ndead += static_cast<int>(count);
        denom2 += risk;
        ev.loglik += count * zbeta;
        for (std::size_t i = 0; i < p; ++i) {
          ev.u[i] += count * xi[i];
          a2[i] += risk * xi[i];
          for (std::size_t j = 0; j <= i; ++j) cmat2[i * p + j] += risk * xi[i] * xi[j];
        }
      }
    }
    if (ndead == 0) continue;
    // Efron: the k-th of the tied deaths sees the risk set less k/ndead of the deaths' weight,
    // d2_k = denom + f_k denom2 with f_k = 1 - k/ndead. Each term is linear in the sums a,
    // a2, cmat, cmat2 with factors that depend on k alone, so the deaths are summed first
    // (five scalars) and the p x p terms added once per time, not once per death: a
    // registry's day holds a hundred deaths and more.
    double s0 = 0, s1 = 0, t0 = 0, t1 = 0, t2 = 0;
    for (int k = 0; k < ndead; ++k) {
      const double f = 1 - static_cast<double>(k) / ndead;
      const double d2 = denom + f * denom2;
      ev.loglik -= std::log(d2);
      s0 += 1 / d2;
      s1 += f / d2;
      t0 += 1 / (d2 * d2);
      t1 += f / (d2 * d2);
      t2 += f * f / (d2 * d2);
    }
    for (std::size_t i = 0; i < p; ++i) {
      ev.u[i] -= a[i] * s0 + a2[i] * s1;
      for (std::size_t j = 0; j <= i; ++j) {
        ev.imat[j * p + i] += cmat[i * p + j] * s0 + cmat2[i * p + j] * s1 -
                              (a[i] * a[j] * t0 + (a[i] * a2[j] + a2[i] * a[j]) * t1 + a2[i] * a2[j] * t2);
      }
    }
    denom += denom2;
    for (std::size_t i = 0; i < p; ++i) {
      a[i] += a2[i];
      for (std::size_t j = 0; j <= i; ++j) cmat[i * p + j] += cmat2[i * p + j];
    }
  }
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < i; ++j) ev.imat[i * p + j] = ev.imat[j * p + i];
  }
  return ev;
}

void check_observation(std::span<const double> time, std::span<const int> event, std::size_t i) {
  if (!std::isfinite(time[i]) || time[i] < 0) {
    throw InputError("time", "observation_time_invalid"_err, {{"row", std::to_string(i)}});
  }
  if (event[i] != 0 && event[i] != 1) {
    throw InputError("event", "observation_event_invalid"_err, {{"row", std::to_string(i)}});
  }
}

// The mean of each covariate over the observations, added observation by observation as
// a sum down each covariate's column adds them.
std::vector<double> pattern_means(const RowCells& patterns) {
  std::vector<double> sums(patterns.width, 0.0);
  for (const std::size_t g : patterns.cell_of) {
    const double* x = patterns.row(g);
    for (std::size_t j = 0; j < patterns.width; ++j) sums[j] += x[j];
  }
  for (double& s : sums) s /= static_cast<double>(patterns.cell_of.size());
  return sums;
}

// The observations as (time, event, pattern) sorted and collapsed: a sort of small
// records, where a table of every distinct observation would be as large as the data and
// as slow to probe. The patterns centred on `means`.
Design make_design(std::span<const double> time, std::span<const int> event, const RowCells& patterns,
                   const std::vector<double>& means) {
  const std::size_t n = time.size();
  struct Observation {
    double time;
    int event;
    std::uint32_t pattern;
    bool operator==(const Observation&) const = default;
    bool operator<(const Observation& o) const {
      return std::tie(time, event, pattern) < std::tie(o.time, o.event, o.pattern);
    }
  };
  std::vector<Observation> obs(n);
  for (std::size_t i = 0; i < n; ++i) obs[i] = {time[i], event[i], static_cast<std::uint32_t>(patterns.cell_of[i])};
  // Counted by (time, event, pattern) when the times are whole days (stats/time_order.hpp):
  // the cells come out in the order the sort gives them.
  const std::size_t kinds = 2 * std::max<std::size_t>(patterns.size(), 1);
  const auto days = whole_time_range(time);
  const auto by_cell = [&](const Observation& o) {
    return (static_cast<std::size_t>(o.time) * 2 + static_cast<std::size_t>(o.event)) * (kinds / 2) + o.pattern;
  };
  if (!days || *days > std::numeric_limits<std::size_t>::max() / kinds || !counting_sort(obs, *days * kinds, by_cell))
    std::sort(obs.begin(), obs.end());
  Design d;
  d.p = static_cast<int>(patterns.width);
  const auto p = patterns.width;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && obs[i] == obs[i - 1]) {
      d.count.back() += 1;
      continue;
    }
    d.time.push_back(obs[i].time);
    d.event.push_back(obs[i].event);
    d.pattern.push_back(obs[i].pattern);
    d.count.push_back(1);
  }
  d.x.resize(patterns.size() * p);
  for (std::size_t j = 0; j < p; ++j)
    for (std::size_t g = 0; g < patterns.size(); ++g) d.x[g * p + j] = patterns.row(g)[j] - means[j];
  return d;
}

CoxFit fit_patterns(std::span<const double> time, std::span<const int> event, const RowCells& patterns,
                    const CoxOptions& options) {
  const Design d = make_design(time, event, patterns, pattern_means(patterns));
  const int p = d.p;
  const auto pu = static_cast<std::size_t>(p);
  const double toler =
      options.toler_chol > 0 ? options.toler_chol : std::pow(std::numeric_limits<double>::epsilon(), 0.75);
  CoxFit fit;
  fit.n = static_cast<std::int64_t>(time.size());
  for (const int e : event) fit.events += e;

  std::vector<double> beta(pu, 0.0);
  Evaluation ev = evaluate(d, beta);
  fit.loglik_null = ev.loglik;
  double best_loglik = ev.loglik;
  std::vector<double> step = ev.u;
  cholesky2(ev.imat, p, toler);
  chsolve2(ev.imat, p, step);
  for (std::size_t i = 0; i < pu; ++i) fit.score_chisq += ev.u[i] * step[i];

  std::vector<double> newbeta(pu);
  for (std::size_t i = 0; i < pu; ++i) newbeta[i] = beta[i] + step[i];
  bool halving = false;
  int iter = 1;
  for (; iter <= options.max_iter; ++iter) {
    ev = evaluate(d, newbeta);
    cholesky2(ev.imat, p, toler);
    if (std::abs(1 - best_loglik / ev.loglik) <= options.eps && !halving) {
      fit.converged = true;
      break;
    }
    if (iter == options.max_iter) break;
    if (!(ev.loglik >= best_loglik)) {  // not improving (or not finite): halve the step
      halving = true;
      for (std::size_t i = 0; i < pu; ++i) newbeta[i] = (newbeta[i] + beta[i]) / 2;
    } else {
      halving = false;
      best_loglik = ev.loglik;
      step = ev.u;
      chsolve2(ev.imat, p, step);
      for (std::size_t i = 0; i < pu; ++i) {
        beta[i] = newbeta[i];
        newbeta[i] += step[i];
      }
    }
  }
  fit.iterations = std::min(iter, options.max_iter);
  fit.loglik = ev.loglik;
  fit.coef = newbeta;
  fit.var = chinv2(ev.imat, p);

  const double z = z_for_level(options.conf_level);
  for (std::size_t i = 0; i < pu; ++i) {
    const double se = std::sqrt(fit.var[i * pu + i]);
    fit.se.push_back(se);
    fit.z.push_back(fit.coef[i] / se);
    fit.p.push_back(2 * pnorm_upper(std::abs(fit.coef[i] / se)));
    fit.hazard_ratio.push_back(std::exp(fit.coef[i]));
    fit.hr_lower.push_back(std::exp(fit.coef[i] - z * se));
    fit.hr_upper.push_back(std::exp(fit.coef[i] + z * se));
    if (fit.var[i * pu + i] > 0) ++fit.df;
  }
  // Wald test coef' V^-1 coef, via the same generalised Cholesky inverse as coxph.wtest.
  std::vector<double> v = fit.var, w = fit.coef;
  cholesky2(v, p, 1e-9);
  chsolve2(v, p, w);
  for (std::size_t i = 0; i < pu; ++i) fit.wald_chisq += fit.coef[i] * w[i];
  fit.lr_chisq = 2 * (fit.loglik - fit.loglik_null);
  fit.lr_p = pchisq_upper(fit.lr_chisq, fit.df);
  fit.wald_p = pchisq_upper(fit.wald_chisq, fit.df);
  fit.score_p = pchisq_upper(fit.score_chisq, fit.df);
  return fit;
}

}  // namespace

CoxFit cox_ph(std::span<const double> time, std::span<const int> event,
              const std::vector<std::span<const double>>& covariates, const CoxOptions& options) {
  const std::size_t n = time.size();
  if (event.size() != n) throw InputError("event", "event_time_lengths"_err);
  if (covariates.empty()) throw InputError("covariates", "covariate_required"_err);
  for (const auto& c : covariates) {
    if (c.size() != n) throw InputError("covariates", "covariate_time_lengths"_err);
  }
  std::int64_t events = 0;
  for (std::size_t i = 0; i < n; ++i) {
    check_observation(time, event, i);
    events += event[i];
    for (const auto& c : covariates) {
      if (!std::isfinite(c[i])) {
        throw InputError("covariates", "observation_covariates_invalid"_err, {{"row", std::to_string(i)}});
      }
    }
  }
  if (events == 0) throw InputError("event", "cox_needs_event"_err);
  // The covariate patterns (stats/row_cells.hpp), then the fit on them.
  return fit_patterns(time, event, collapse_rows(covariates, n), options);
}

CoxFit cox_ph(std::span<const double> time, std::span<const int> event, const RowCells& patterns,
              const CoxOptions& options) {
  if (event.size() != time.size()) throw InputError("event", "event_time_lengths"_err);
  if (patterns.width == 0) throw InputError("covariates", "covariate_required"_err);
  if (patterns.cell_of.size() != time.size()) throw InputError("covariates", "covariate_time_lengths"_err);
  std::int64_t events = 0;
  for (std::size_t i = 0; i < time.size(); ++i) {
    check_observation(time, event, i);
    events += event[i];
    if (patterns.cell_of[i] >= patterns.size())
      throw InputError("covariates", "observation_covariates_invalid"_err, {{"row", std::to_string(i)}});
  }
  for (std::size_t g = 0; g < patterns.size(); ++g)
    for (std::size_t j = 0; j < patterns.width; ++j)
      if (!std::isfinite(patterns.row(g)[j]))
        throw InputError("covariates", "observation_covariates_invalid"_err, {{"row", std::to_string(g)}});
  if (events == 0) throw InputError("event", "cox_needs_event"_err);
  return fit_patterns(time, event, patterns, options);
}

}  // namespace rp::stats
