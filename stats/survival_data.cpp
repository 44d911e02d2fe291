#include "stats/survival_data.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.hpp"
#include "stats/time_order.hpp"

namespace rp::stats {

SortedSurvival::SortedSurvival(std::span<const double> time, std::span<const int> event, std::span<const int> group,
                               int n_groups) {
  if (event.size() != time.size()) throw InputError("event", "event_time_lengths"_err);
  if (!group.empty() && group.size() != time.size()) throw InputError("group", "group_time_lengths"_err);
  if (n_groups < 1) throw InputError("group", "group_required"_err);
  group_size_.assign(static_cast<std::size_t>(n_groups), 0);
  obs_.resize(time.size());
  for (std::size_t i = 0; i < time.size(); ++i) {
    const double t = time[i];
    if (!std::isfinite(t) || t < 0) {
      throw InputError("time", "observation_time_invalid"_err, {{"row", std::to_string(i)}});
    }
    const int e = event[i];
    if (e != 0 && e != 1) throw InputError("event", "observation_event_invalid"_err, {{"row", std::to_string(i)}});
    const int g = group.empty() ? 0 : group[i];
    if (g < 0 || g >= n_groups) {
      throw InputError("group", "observation_group_invalid"_err, {{"row", std::to_string(i)}});
    }
    obs_[i] = {t, g, e};
    ++group_size_[static_cast<std::size_t>(g)];
  }
  // By time, and at one time the events before the censored (as survival tables count
  // them); counted when the times are whole days (stats/time_order.hpp). The order among
  // rows alike in both is not one a table reads.
  const auto days = whole_time_range(time);
  const auto by_time_events_first = [](const Observation& o) {
    return 2 * static_cast<std::size_t>(o.time) + (o.event ? 0 : 1);
  };
  if (!days || !counting_sort(obs_, 2 * *days, by_time_events_first)) {
    std::sort(obs_.begin(), obs_.end(), [](const Observation& a, const Observation& b) {
      return a.time < b.time || (a.time == b.time && a.event > b.event);
    });
  }
}

std::vector<SurvivalTable> survival_tables(const SortedSurvival& data) {
  std::vector<SurvivalTable> tables(static_cast<std::size_t>(data.n_groups()));
  std::vector<std::int64_t> seen(tables.size(), 0);  // observations of the group before the current row
  for (const Observation& o : data.observations()) {
    SurvivalTable& t = tables[static_cast<std::size_t>(o.group)];
    if (t.time.empty() || t.time.back() != o.time) {
      t.time.push_back(o.time);
      t.n_risk.push_back(data.group_sizes()[static_cast<std::size_t>(o.group)] -
                         seen[static_cast<std::size_t>(o.group)]);
      t.n_event.push_back(0);
      t.n_censor.push_back(0);
    }
    (o.event ? t.n_event : t.n_censor).back() += 1;
    ++seen[static_cast<std::size_t>(o.group)];
  }
  return tables;
}

SurvivalTable pooled_table(const SortedSurvival& data) {
  SurvivalTable t;
  const auto obs = data.observations();
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (t.time.empty() || t.time.back() != obs[i].time) {
      t.time.push_back(obs[i].time);
      t.n_risk.push_back(static_cast<std::int64_t>(obs.size() - i));
      t.n_event.push_back(0);
      t.n_censor.push_back(0);
    }
    (obs[i].event ? t.n_event : t.n_censor).back() += 1;
  }
  return t;
}

}  // namespace rp::stats
