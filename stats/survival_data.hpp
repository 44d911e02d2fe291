#pragma once
// Right-censored observations sorted once by time. Every survival estimator here
// (Kaplan–Meier per group, log-rank across groups) is then one linear pass, so a
// registry of a million episodes costs one O(n log n) sort and no per-row allocation.
#include <cstdint>
#include <span>
#include <vector>

namespace rp::stats {

struct Observation {
  double time;
  std::int32_t group;
  std::int32_t event;  // 1 = event, 0 = censored
};

class SortedSurvival {
 public:
  // time[i] >= 0 and finite, event[i] in {0, 1}, group[i] in [0, n_groups) (empty span:
  // everyone in group 0). Throws InputError naming "time", "event" or "group" and the
  // 0-based observation index when a value breaks these rules.
  SortedSurvival(std::span<const double> time, std::span<const int> event, std::span<const int> group = {},
                 int n_groups = 1);

  // By time ascending; at equal times events come before censorings, as R orders them.
  std::span<const Observation> observations() const { return obs_; }
  int n_groups() const { return static_cast<int>(group_size_.size()); }
  const std::vector<std::int64_t>& group_sizes() const { return group_size_; }

 private:
  std::vector<Observation> obs_;
  std::vector<std::int64_t> group_size_;
};

// One group's distinct follow-up times (event or censoring) with the counts R's survfit
// reports at each: n_risk = number with time >= t.
struct SurvivalTable {
  std::vector<double> time;
  std::vector<std::int64_t> n_risk, n_event, n_censor;
};

// One table per group, built in a single pass over the sorted observations.
std::vector<SurvivalTable> survival_tables(const SortedSurvival& data);
// All groups together (the overall curve), from the same sort.
SurvivalTable pooled_table(const SortedSurvival& data);

}  // namespace rp::stats
