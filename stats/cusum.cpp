#include "stats/cusum.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.hpp"

namespace rp::stats {

Cusum bernoulli_cusum(std::span<const int> failure, std::span<const double> risk, const CusumOptions& options) {
  if (!(options.odds_ratio > 1) || !std::isfinite(options.odds_ratio))
    throw InputError("odds_ratio", "cusum_odds_ratio_invalid"_err);
  if (!(options.threshold > 0) || !std::isfinite(options.threshold))
    throw InputError("threshold", "cusum_threshold_invalid"_err);
  if (risk.size() != failure.size()) throw InputError("risk", "column_lengths_differ"_err);
  const double log_r = std::log(options.odds_ratio);
  Cusum out;
  out.weight.reserve(failure.size());
  out.value.reserve(failure.size());
  double s = 0;
  for (std::size_t t = 0; t < failure.size(); ++t) {
    if (failure[t] != 0 && failure[t] != 1)
      throw InputError("failure", "observation_outcome_invalid"_err, {{"row", std::to_string(t + 1)}});
    const double p = risk[t];
    if (!(p > 0 && p < 1)) throw InputError("risk", "observation_risk_invalid"_err, {{"row", std::to_string(t + 1)}});
    const double w = failure[t] * log_r - std::log1p(p * (options.odds_ratio - 1));
    s = std::max(0.0, s + w);
    out.weight.push_back(w);
    out.value.push_back(s);
    if (s >= options.threshold) {
      out.signals.push_back(t);
      if (options.restart_after_signal) s = 0;
    }
  }
  return out;
}

}  // namespace rp::stats
