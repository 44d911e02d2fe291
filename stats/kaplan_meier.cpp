#include "stats/kaplan_meier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/distributions.hpp"

namespace rp::stats {
namespace {

constexpr double kNa = std::numeric_limits<double>::quiet_NaN();

// R's pmin/pmax propagate NA; std::min/max would not reliably.
double r_pmin(double a, double b) { return std::isnan(a) ? a : std::min(a, b); }
double r_pmax(double a, double b) { return std::isnan(a) ? a : std::max(a, b); }

// survival:::survfit_confint with logse = TRUE and no selow.
void confint(double p, double se, double z, ConfType type, double& lower, double& upper) {
  switch (type) {
    case ConfType::plain: {
      const double se2 = se * p * z;
      lower = r_pmax(p - se2, 0.0);
      upper = r_pmin(p + se2, 1.0);
      return;
    }
    case ConfType::log: {
      const double xx = p == 0 ? kNa : p;
      const double se2 = z * se;
      lower = std::exp(std::log(xx) - se2);
      upper = r_pmin(std::exp(std::log(xx) + se2), 1.0);
      return;
    }
    case ConfType::log_log: {
      const double xx = (p == 0 || p == 1) ? kNa : p;
      const double se2 = z * se / std::log(xx);
      lower = std::exp(-std::exp(std::log(-std::log(xx)) - se2));
      upper = std::exp(-std::exp(std::log(-std::log(xx)) + se2));
      return;
    }
  }
}

// print.survfit's minmin(y, x): first x where y <= 0.5 (within sqrt(eps)), midpoint of a flat 0.5.
double minmin(const std::vector<double>& y, const std::vector<double>& x) {
  const double tolerance = std::sqrt(std::numeric_limits<double>::epsilon());
  std::size_t first = y.size();
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isnan(y[i]) && y[i] < 0.5 + tolerance) {
      first = i;
      break;
    }
  }
  if (first == y.size()) return kNa;
  if (std::abs(y[first] - 0.5) < tolerance) {
    for (std::size_t i = first + 1; i < y.size(); ++i) {
      if (!std::isnan(y[i]) && y[i] < 0.5 + tolerance && y[i] < y[first]) return (x[first] + x[i]) / 2;
    }
  }
  return x[first];
}

}  // namespace

KaplanMeier kaplan_meier(const SurvivalTable& table, const KmOptions& options) {
  const double z = z_for_level(options.conf_level);
  const std::size_t m = table.time.size();
  KaplanMeier km;
  km.time = table.time;
  km.n_risk = table.n_risk;
  km.n_event = table.n_event;
  km.n_censor = table.n_censor;
  km.surv.resize(m);
  km.std_err.resize(m);
  km.lower.resize(m);
  km.upper.resize(m);
  km.n = m == 0 ? 0 : table.n_risk.front();
  double s = 1, greenwood = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double n = static_cast<double>(table.n_risk[i]);
    const double d = static_cast<double>(table.n_event[i]);
    if (d > 0) {
      s *= (n - d) / n;
      greenwood += d / (n * (n - d));  // +inf when everyone left fails, as in R
    }
    km.events += table.n_event[i];
    km.surv[i] = s;
    km.std_err[i] = std::sqrt(greenwood);
    confint(s, km.std_err[i], z, options.conf_type, km.lower[i], km.upper[i]);
  }
  return km;
}

KaplanMeier kaplan_meier(std::span<const double> time, std::span<const int> event, const KmOptions& options) {
  return kaplan_meier(survival_tables(SortedSurvival(time, event)).front(), options);
}

std::vector<KaplanMeier> kaplan_meier_by_group(const SortedSurvival& data, const KmOptions& options) {
  std::vector<KaplanMeier> out;
  for (const SurvivalTable& t : survival_tables(data)) out.push_back(kaplan_meier(t, options));
  return out;
}

std::vector<KmPoint> km_at(const KaplanMeier& km, std::span<const double> times) {
  std::vector<double> sorted(times.begin(), times.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<KmPoint> out;
  out.reserve(sorted.size());
  // R reads from survfit0(fit): the curve with a row at time 0 (surv 1, std.err 0,
  // limits 1, n.risk of the first row) unless the first row is already at time 0.
  const bool has_zero_row = !km.time.empty() && km.time.front() == 0;
  const double last_time = km.time.empty() ? 0.0 : std::max(km.time.back(), 0.0);
  for (const double t : sorted) {
    KmPoint p{t, 0, kNa, kNa, kNa, kNa, false};
    if (km.time.empty() || std::isnan(t) || t > last_time) {
      p.beyond_follow_up = true;
      out.push_back(p);
      continue;
    }
    // Last row with time <= t (findInterval), and first row with time >= t for n.risk.
    const auto upto = std::upper_bound(km.time.begin(), km.time.end(), t) - km.time.begin();
    const auto from = std::lower_bound(km.time.begin(), km.time.end(), t) - km.time.begin();
    p.n_risk = km.n_risk[static_cast<std::size_t>(from)];  // t <= last time, so a row exists
    if (upto == 0) {
      // Before the first row: survfit0's inserted time-0 row; or, with a row at 0 and t < 0, R's pmax(1, index).
      if (has_zero_row) {
        p.surv = km.surv[0];
        p.std_err = km.std_err[0] * km.surv[0];
        p.lower = km.lower[0];
        p.upper = km.upper[0];
      } else {
        p.surv = 1;
        p.std_err = 0;
        p.lower = 1;
        p.upper = 1;
      }
    } else {
      const auto i = static_cast<std::size_t>(upto - 1);
      p.surv = km.surv[i];
      p.std_err = km.std_err[i] * km.surv[i];  // inf * 0 = NaN once the curve is 0, as R prints
      p.lower = km.lower[i];
      p.upper = km.upper[i];
    }
    out.push_back(p);
  }
  return out;
}

MedianCi km_median(const KaplanMeier& km) {
  // The lower limit curve reaches 0.5 first and gives the lower bound (print.survfit's LCL).
  return {minmin(km.surv, km.time), minmin(km.lower, km.time), minmin(km.upper, km.time)};
}

}  // namespace rp::stats
