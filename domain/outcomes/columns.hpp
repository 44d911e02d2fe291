#pragma once
// The registry as plain column arrays: the outcome report's input. The store fills them in
// one pass per table (store/outcome_columns.hpp); the analytics read them unchanged. Only
// de-identified facts: a centre index, days and scores; no names, record numbers, birth
// dates or episode ids.
//
// Days are whole days since 1970-01-01 (CivilDate::days_since_epoch); kNoDay marks none.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/outcomes/score_codes.hpp"

namespace rp::outcomes {

inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

// One row per treated joint: an episode of the protocol whose injection is recorded as
// done (a transition to injected; a planned date is not a treatment), and that is not
// itself a repeat. A repeat treatment of the same joint (repeat_of) adds no row: its
// injection is an event of the first episode's row, and its conversion, exit and contacts
// count there. Rows are in episode id order.
struct EpisodeColumns {
  std::vector<std::int32_t> centre;            // index into Columns::centre_ids
  std::vector<std::int32_t> injection_day;     // the day the injection was recorded as done
  std::vector<std::int32_t> converted_day;     // the day of the joint replacement, or kNoDay
  std::vector<std::int32_t> exit_day;          // withdrawn or lost to follow-up, or kNoDay
  std::vector<std::int32_t> last_contact_day;  // last done schedule item or questionnaire, or kNoDay
  std::vector<std::int32_t> repeat_day;        // the first repeat treatment's injection, or kNoDay
  // The case mix the cross-centre comparison adjusts for (cross_centre.hpp); kUnknown where
  // the record does not say. Age is a 5-year band (12: 60–64 years) of the age in whole
  // years on the injection day, never the birth date itself.
  static constexpr std::int8_t kUnknown = -1;
  std::vector<std::int8_t> age_band;
  std::vector<std::int8_t> kl_grade;     // Kellgren–Lawrence 0–4
  std::vector<std::int8_t> cell_source;  // index of rp::CellSource
  // Who injected: an index into Columns::operator_ids, -1 where not recorded.
  std::vector<std::int32_t> injecting_operator;
  std::size_t size() const { return centre.size(); }
};

// The 5-year age band of someone born on `birth` on the day `on`, both ISO dates
// (YYYY-MM-DD...), or EpisodeColumns::kUnknown when either is not a date or `on` is
// before `birth`. Both store adapters fill EpisodeColumns::age_band with it.
std::int8_t age_band_of(std::string_view birth, std::string_view on);
// The index of rp::CellSource a stored name stands for, or EpisodeColumns::kUnknown.
std::int8_t cell_source_index(std::string_view stored);

// The patient-reported scores the report uses, on their own scales.
enum class PromMeasure : int {
  nrs_pain,        // 0–10, higher = worse (activity item)
  hoos_pain,       // 0–100, higher = better
  hoos_adl,        // 0–100, higher = better (function)
  oxford_total,    // 0–48, higher = better
  patient_global,  // 0–100, higher = worse
};
inline constexpr int kPromMeasures = 5;

// The ends of the scale a measure is on: a mean, and any interval around it, lies between.
inline std::pair<double, double> scale_of(PromMeasure m) {
  switch (m) {
    case PromMeasure::nrs_pain:
      return {0, 10};
    case PromMeasure::oxford_total:
      return {0, 48};
    case PromMeasure::hoos_pain:
    case PromMeasure::hoos_adl:
    case PromMeasure::patient_global:
      break;
  }
  return {0, 100};
}

// Scores per time point (a questionnaire item of the protocol, in the order asked for):
// column(measure, time_point)[episode row], NaN where not answered or not scorable. Each
// measure and time point is one contiguous column of codes into the measure's table of
// values (score_codes.hpp), so each statistic reads memory in order.
struct PromColumns {
  int time_points = 0;
  // Days from injection to the return to usual daily activities as answered at that time
  // point; kNotYet when the answer was "not yet"; kNoDay when not answered.
  static constexpr std::int32_t kNotYet = -1;
  std::vector<std::vector<std::int32_t>> returned_after;
  // The last day of the item's window (when an answer is due), or kNoDay without the item;
  // kMissedDay for an item recorded as missed (closed from the worklist, or marked so):
  // it counts as due at once, a missing answer rather than one not yet due.
  static constexpr std::int32_t kMissedDay = std::numeric_limits<std::int32_t>::min() + 1;
  std::vector<std::vector<std::int32_t>> window_end_day;

  ScoreColumn column(PromMeasure m, int tp) const {
    const auto& codes = codes_[static_cast<std::size_t>(m)][static_cast<std::size_t>(tp)];
    return {codes.data(), codes.size(), tables_[static_cast<std::size_t>(m)].values(),
            &spilled_[static_cast<std::size_t>(m)], tp};
  }
  double at(PromMeasure m, int tp, std::size_t row) const { return column(m, tp)[row]; }
  // Sets one score (NaN: missing) of a row the columns already have.
  void set(PromMeasure m, int tp, std::size_t row, double v) {
    const auto mi = static_cast<std::size_t>(m);
    ScoreCode code = tables_[mi].code_of(v);
    auto& spill = spilled_[mi];
    if (code == kSpilledScore) spill[spill_key(tp, row)] = v;
    codes_[mi][static_cast<std::size_t>(tp)][row] = code;
  }
  // Sizes every column for `episodes` rows, all missing.
  void resize(int n_time_points, std::size_t episodes);
  // Reserves room for `rows` rows in every column (the merge adds rows as it reads).
  void reserve(std::size_t rows);
  // Every column to `rows` rows, keeping those it has; a row added is missing every score
  // and has no window or return. The merge grows the columns a block of rows at a time
  // and fills rows by index: one fill per column and block, not a push per cell.
  void resize_rows(std::size_t rows);

 private:
  std::array<std::vector<std::vector<ScoreCode>>, kPromMeasures> codes_;
  std::array<ScoreTable, kPromMeasures> tables_;
  std::array<SpilledScores, kPromMeasures> spilled_;
};

// One row per staff-recorded adverse event of a treated joint (its episode or a repeat's).
struct AdverseEventColumns {
  std::vector<std::int32_t> episode_row;  // row in EpisodeColumns
  std::vector<std::int8_t> ctcae_grade;   // 1–5, 0 = not graded yet
  std::vector<std::int8_t> serious;       // 0 or 1
  std::vector<std::int8_t> assessed;      // 1: graded or a seriousness criterion ticked
  std::vector<std::int16_t> category;     // index into category_names
  std::vector<std::string> category_names;
  // Red flags of treated joints that no clinician has triaged yet, per row: each may be an
  // adverse event, so a harm figure cannot be judged while any is waiting.
  std::vector<std::int32_t> untriaged_red_flags;
  std::size_t size() const { return episode_row.size(); }
};

struct Columns {
  std::vector<std::string> centre_ids;  // every centre, id order
  // The usernames of the accounts that injected the rows' joints, in name order; only the
  // comparison by operator (visible to the centre's own staff) reads them.
  std::vector<std::string> operator_ids;
  EpisodeColumns episodes;
  PromColumns proms;
  AdverseEventColumns adverse_events;
};

inline void PromColumns::resize(int n_time_points, std::size_t episodes) {
  time_points = n_time_points;
  const auto tps = static_cast<std::size_t>(n_time_points);
  for (auto& measure : codes_) measure.assign(tps, std::vector<ScoreCode>(episodes, kMissingScore));
  tables_ = {};
  for (auto& spill : spilled_) spill.clear();
  returned_after.assign(tps, std::vector<std::int32_t>(episodes, kNoDay));
  window_end_day.assign(tps, std::vector<std::int32_t>(episodes, kNoDay));
}

inline void PromColumns::reserve(std::size_t rows) {
  for (std::size_t tp = 0; tp < static_cast<std::size_t>(time_points); ++tp) {
    for (auto& measure : codes_) measure[tp].reserve(rows);
    returned_after[tp].reserve(rows);
    window_end_day[tp].reserve(rows);
  }
}

inline void PromColumns::resize_rows(std::size_t rows) {
  for (std::size_t tp = 0; tp < static_cast<std::size_t>(time_points); ++tp) {
    for (auto& measure : codes_) measure[tp].resize(rows, kMissingScore);
    returned_after[tp].resize(rows, kNoDay);
    window_end_day[tp].resize(rows, kNoDay);
  }
}

}  // namespace rp::outcomes
