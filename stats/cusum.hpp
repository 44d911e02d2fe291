#pragma once
// Risk-adjusted Bernoulli CUSUM (Steiner, Cook, Farewell, Treasure, Biostatistics
// 2000;1:441-452): a chart of one operator's (or centre's) consecutive results that
// climbs with each failure by more than the patient's risk predicted, and signals when it
// crosses a threshold h, i.e. when the evidence that the odds of failure have risen to
// `odds_ratio` times the predicted odds outweighs the evidence that they have not. With
// every risk equal to the registry's crude rate it is the unadjusted Bernoulli CUSUM.
#include <cstddef>
#include <span>
#include <vector>

namespace rp::stats {

struct CusumOptions {
  double odds_ratio = 2.0;  // the deterioration to detect (R_A); > 1
  double threshold = 4.5;   // h, in log-likelihood-ratio units; > 0
  bool restart_after_signal = true;
};

struct Cusum {
  std::vector<double> weight;        // W_t = y log R_A - log(1 - p + R_A p)
  std::vector<double> value;         // S_t = max(0, S_{t-1} + W_t), after a restart from 0
  std::vector<std::size_t> signals;  // the observations (0-based) at which S_t >= h
};

// failure[t] 0/1 in time order; risk[t] the predicted probability of failure, 0 < p < 1.
// Throws InputError naming "failure", "risk", "odds_ratio" or "threshold".
Cusum bernoulli_cusum(std::span<const int> failure, std::span<const double> risk, const CusumOptions& options = {});

}  // namespace rp::stats
