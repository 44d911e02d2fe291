#pragma once
// The registry as plain column arrays, read for the outcome report in one pass per table
// and handed to the statistics unchanged. Only de-identified facts: a centre index, days
// and scores; no names, record numbers, birth dates or episode ids leave the store here.
//
// Days are whole days since 1970-01-01 (CivilDate::days_since_epoch); kNoDay marks none.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace rp::store {

inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

// One row per injected episode (injection_date set), in episode id order.
struct EpisodeColumns {
  std::vector<std::int32_t> centre;  // index into OutcomeColumns::centre_ids
  std::vector<std::int32_t> injection_day;
  std::vector<std::int32_t> converted_day;     // the day of the hip replacement, or kNoDay
  std::vector<std::int32_t> exit_day;          // withdrawn or lost to follow-up, or kNoDay
  std::vector<std::int32_t> last_contact_day;  // last done schedule item or questionnaire, or kNoDay
  std::size_t size() const { return centre.size(); }
};

// The patient-reported scores the report uses, on their own scales.
enum class PromMeasure : int {
  nrs_pain,        // 0–10, higher = worse (activity item)
  hoos_pain,       // 0–100, higher = better
  hoos_adl,        // 0–100, higher = better (function)
  oxford_total,    // 0–48, higher = better
  patient_global,  // 0–100, higher = worse
};
inline constexpr int kPromMeasures = 5;

// Scores per time point (a questionnaire item of the protocol, in the order asked for):
// value[measure][time_point][episode row], NaN where not answered or not scorable. One
// contiguous column per measure and time point, so each statistic reads memory in order.
struct PromColumns {
  int time_points = 0;
  std::array<std::vector<std::vector<double>>, kPromMeasures> value;
  // Days from injection to the return to usual daily activities as answered at that time
  // point; kNotYet when the answer was "not yet"; kNoDay when not answered.
  static constexpr std::int32_t kNotYet = -1;
  std::vector<std::vector<std::int32_t>> returned_after;
  // The last day of the item's window (when an answer is due), or kNoDay without the item.
  std::vector<std::vector<std::int32_t>> window_end_day;

  const std::vector<double>& column(PromMeasure m, int tp) const {
    return value[static_cast<int>(m)][static_cast<std::size_t>(tp)];
  }
  // Sizes every column for `episodes` rows, all missing.
  void resize(int n_time_points, std::size_t episodes);
};

// One row per staff-recorded adverse event of an injected episode.
struct AdverseEventColumns {
  std::vector<std::int32_t> episode_row;  // row in EpisodeColumns
  std::vector<std::int8_t> ctcae_grade;   // 1–5, 0 = not graded yet
  std::vector<std::int8_t> serious;       // 0 or 1
  std::size_t size() const { return episode_row.size(); }
};

struct OutcomeColumns {
  std::vector<std::string> centre_ids;  // every centre, id order
  EpisodeColumns episodes;
  PromColumns proms;
  AdverseEventColumns adverse_events;
};

inline void PromColumns::resize(int n_time_points, std::size_t episodes) {
  time_points = n_time_points;
  const auto tps = static_cast<std::size_t>(n_time_points);
  for (auto& measure : value)
    measure.assign(tps, std::vector<double>(episodes, std::numeric_limits<double>::quiet_NaN()));
  returned_after.assign(tps, std::vector<std::int32_t>(episodes, kNoDay));
  window_end_day.assign(tps, std::vector<std::int32_t>(episodes, kNoDay));
}

}  // namespace rp::store
