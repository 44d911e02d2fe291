#pragma once
// Kaplan–Meier estimate with Greenwood variance, computed as R's survival package
// does (survfit, summary.survfit, print.survfit), so every figure matches R to
// rounding. "NA" in R is NaN here.
#include <cstdint>
#include <span>
#include <vector>

#include "stats/survival_data.hpp"

namespace rp::stats {

enum class ConfType { log, log_log, plain };  // survfit(conf.type = "log" | "log-log" | "plain")

struct KmOptions {
  ConfType conf_type = ConfType::log;
  double conf_level = 0.95;
};

// One curve: a row per distinct time (events and censorings), like a survfit object.
struct KaplanMeier {
  std::vector<double> time;
  std::vector<std::int64_t> n_risk, n_event, n_censor;
  std::vector<double> surv;
  // Standard error of the cumulative hazard, sqrt(sum d / (n (n - d))): R's fit$std.err.
  // Infinite once the curve reaches 0. The standard error of S(t) is std_err * surv.
  std::vector<double> std_err;
  std::vector<double> lower, upper;  // pointwise CI as R's survfit_confint (NaN where R has NA)
  std::int64_t n = 0, events = 0;
};

KaplanMeier kaplan_meier(const SurvivalTable& table, const KmOptions& options = {});
KaplanMeier kaplan_meier(std::span<const double> time, std::span<const int> event, const KmOptions& options = {});
// One curve per group of the sorted data, from one pass.
std::vector<KaplanMeier> kaplan_meier_by_group(const SortedSurvival& data, const KmOptions& options = {});

// The curve read at a time, as summary(fit, times = t) prints it.
struct KmPoint {
  double time;
  std::int64_t n_risk;                 // number with follow-up >= time
  double surv, std_err, lower, upper;  // std_err is that of S(t); NaN where R prints NA/NaN
  // R's summary (extend = FALSE) drops times after the last follow-up time. We keep the row,
  // mark it, and report n_risk 0 with NaN estimates: the curve is not estimable there.
  bool beyond_follow_up = false;
};

// Times are sorted ascending (R sorts them too); before the first time the curve is 1
// with standard error 0 and n_risk the group size; between times it is the last step.
std::vector<KmPoint> km_at(const KaplanMeier& km, std::span<const double> times);

// Median survival and its CI as print.survfit computes them: the first time the curve
// (or the lower / upper limit curve, for the lower / upper bound) falls to 0.5 or below, with
// R's tolerance; where the curve is exactly 0.5 over an interval, the interval midpoint.
struct MedianCi {
  double median, lower, upper;  // NaN = not reached (R's NA)
};
MedianCi km_median(const KaplanMeier& km);

}  // namespace rp::stats
