// The registry's per-episode facts, derived once for every section: follow-up and end
// point for survival, and the day of conversion.
#include <algorithm>

#include "base/error.hpp"
#include "domain/outcomes/sections.hpp"
#include "stats/interval.hpp"

namespace rp::outcomes::detail {

stats::Interval proportion(std::int64_t k, std::int64_t n, bool exact) {
  if (n <= 0) return {kNaN, kNaN, kNaN};
  return exact ? stats::clopper_pearson(k, n) : stats::wilson(k, n);
}

Registry derive(const Columns& cols, const OutcomeInputs& in) {
  Registry r{cols, in};
  r.as_of = static_cast<std::int32_t>(in.as_of.days_since_epoch());
  r.n_centres = static_cast<int>(cols.centre_ids.size());
  const auto& e = cols.episodes;
  const std::size_t n = e.size();
  r.time.resize(n);
  r.event.resize(n);
  r.centre.resize(n);
  r.converted_after.resize(n);
  const bool repeat_ends = in.end_point == ProtocolOutcomes::EndPoint::joint_replacement_or_repeat;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t start = e.injection_day[i];
    if (e.centre[i] < 0 || e.centre[i] >= r.n_centres) throw InputError("centre", "episode_centre_unknown"_err);
    r.centre[i] = e.centre[i];
    r.converted_after[i] = e.converted_day[i] != kNoDay ? std::max(0, e.converted_day[i] - start) : kNever;
    // The survival end point: the replacement, or (when the protocol says so) a repeat
    // treatment first.
    std::int32_t ended = r.converted_after[i];
    if (repeat_ends && !e.repeat_day.empty() && e.repeat_day[i] != kNoDay)
      ended = std::min(ended, std::max(0, e.repeat_day[i] - start));
    if (ended != kNever) {
      r.event[i] = 1;
      r.time[i] = ended;
    } else {
      // Censored at the last day the patient was known to be without a replacement.
      const std::int32_t last = std::max({start, e.last_contact_day[i], e.exit_day[i]});
      r.event[i] = 0;
      r.time[i] = last - start;
    }
  }
  return r;
}

int time_point_index(const OutcomeInputs& in, const std::string& item_id, const std::string& claim_id) {
  for (std::size_t t = 0; t < in.time_points.size(); ++t)
    if (in.time_points[t].item_id == item_id) return static_cast<int>(t);
  throw InputError("claims", "claim_time_point_unknown"_err, {{"claim", claim_id}, {"time_point", item_id}});
}

}  // namespace rp::outcomes::detail
