// The outcome report's reads on SQLite: each table in one pass, straight into the column
// arrays of store/outcome_columns.hpp. Text is read through SQLite's own buffers and dates
// are parsed in place, so no row allocates.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "base/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// Days since 1970-01-01 of an ISO date's first ten characters (H. Hinnant's
// days_from_civil), or kNoDay for NULL or text that is not a date.
std::int32_t day_of(const SQLite::Column& col) {
  if (col.isNull()) return kNoDay;
  const char* s = col.getText();
  if (std::strlen(s) < 10 || s[4] != '-' || s[7] != '-') return kNoDay;
  auto digits = [s](int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4);
  const int m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return kNoDay;
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

double number_or_nan(const SQLite::Column& col) {
  return col.isNull() ? std::numeric_limits<double>::quiet_NaN() : col.getDouble();
}

int index_of(const std::vector<std::string>& list, std::string_view text) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i] == text) return static_cast<int>(i);
  return -1;
}

// Episode ids are read in order, so a row is found by binary search.
int row_of(const std::vector<std::int64_t>& ids, std::int64_t id) {
  const auto it = std::lower_bound(ids.begin(), ids.end(), id);
  return it != ids.end() && *it == id ? static_cast<int>(it - ids.begin()) : -1;
}

void read_episodes(Connection& c, const std::string& protocol_id, OutcomeColumns& out, std::vector<std::int64_t>& ids) {
  auto& q = c.statement(
      "SELECT id, centre_id, injection_date FROM episodes WHERE injection_date IS NOT NULL AND protocol_id = ? "
      "ORDER BY id");
  q.bind(1, protocol_id);
  EpisodeColumns& e = out.episodes;
  while (q.executeStep()) {
    ids.push_back(q.getColumn(0).getInt64());
    e.centre.push_back(index_of(out.centre_ids, q.getColumn(1).getText()));
    e.injection_day.push_back(day_of(q.getColumn(2)));
  }
  e.converted_day.assign(ids.size(), kNoDay);
  e.exit_day.assign(ids.size(), kNoDay);
  e.last_contact_day.assign(ids.size(), kNoDay);
}

void read_transitions(Connection& c, const std::vector<std::int64_t>& ids, EpisodeColumns& e) {
  auto& q = c.statement(
      "SELECT episode_id, to_state = 'converted_to_thr', on_date FROM episode_transitions "
      "WHERE to_state IN ('converted_to_thr', 'withdrawn', 'lost_to_follow_up')");
  while (q.executeStep()) {
    const int row = row_of(ids, q.getColumn(0).getInt64());
    if (row < 0) continue;
    auto& slot = q.getColumn(1).getInt() != 0 ? e.converted_day[row] : e.exit_day[row];
    slot = std::max(slot, day_of(q.getColumn(2)));
  }
}

void read_schedule(Connection& c, const std::vector<std::int64_t>& ids, const std::vector<std::string>& time_points,
                   OutcomeColumns& out) {
  auto& q = c.statement(
      "SELECT episode_id, item_id, status = 'done', done_on, window_end FROM schedule_items "
      "WHERE status = 'done' OR kind = 'questionnaire'");
  while (q.executeStep()) {
    const int row = row_of(ids, q.getColumn(0).getInt64());
    if (row < 0) continue;
    if (q.getColumn(2).getInt() != 0) {
      auto& last = out.episodes.last_contact_day[row];
      last = std::max(last, day_of(q.getColumn(3)));
    }
    const int tp = index_of(time_points, q.getColumn(1).getText());
    if (tp >= 0) out.proms.window_end_day[tp][row] = day_of(q.getColumn(4));
  }
}

void read_responses(Connection& c, const std::vector<std::int64_t>& ids, const std::vector<std::string>& time_points,
                    OutcomeColumns& out) {
  // The submission day is the UTC date of the instant; a day early at most, for answers
  // given between midnight and 03:30 in Tehran.
  auto& q = c.statement(
      "SELECT episode_id, item_id, instrument, submitted_at, json_extract(scores_json, '$.scores.pain'), "
      "json_extract(scores_json, '$.scores.adl'), json_extract(scores_json, '$.scores.total'), "
      "json_extract(scores_json, '$.scores.global'), json_extract(scores_json, '$.scores.returned'), "
      "json_extract(scores_json, '$.scores.date') FROM questionnaire_responses "
      "WHERE instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity')");
  PromColumns& p = out.proms;
  while (q.executeStep()) {
    const int row = row_of(ids, q.getColumn(0).getInt64());
    if (row < 0) continue;
    auto& last = out.episodes.last_contact_day[row];
    last = std::max(last, day_of(q.getColumn(3)));
    const int tp = index_of(time_points, q.getColumn(1).getText());
    if (tp < 0) continue;
    const std::string_view instrument = q.getColumn(2).getText();
    auto set = [&](PromMeasure m, int col) { p.value[static_cast<int>(m)][tp][row] = number_or_nan(q.getColumn(col)); };
    if (instrument == "nrs") {
      set(PromMeasure::nrs_pain, 4);
    } else if (instrument == "hoos") {
      set(PromMeasure::hoos_pain, 4);
      set(PromMeasure::hoos_adl, 5);
    } else if (instrument == "oxford-hip") {
      set(PromMeasure::oxford_total, 6);
    } else if (instrument == "patient-global") {
      set(PromMeasure::patient_global, 7);
    } else if (!q.getColumn(8).isNull()) {  // return-to-activity
      const std::int32_t back = day_of(q.getColumn(9));
      const std::int32_t injected = out.episodes.injection_day[row];
      p.returned_after[tp][row] = q.getColumn(8).getInt() == 0 || back == kNoDay || injected == kNoDay
                                      ? PromColumns::kNotYet
                                      : std::max(0, back - injected);
    }
  }
}

void read_adverse_events(Connection& c, const std::vector<std::int64_t>& ids, AdverseEventColumns& a) {
  auto& q = c.statement(
      "SELECT episode_id, COALESCE(ctcae_grade, 0), serious FROM adverse_events WHERE kind = 'adverse_event'");
  while (q.executeStep()) {
    const int row = row_of(ids, q.getColumn(0).getInt64());
    if (row < 0) continue;  // recorded before the injection: not an outcome of it
    a.episode_row.push_back(row);
    a.ctcae_grade.push_back(static_cast<std::int8_t>(q.getColumn(1).getInt()));
    a.serious.push_back(static_cast<std::int8_t>(q.getColumn(2).getInt() != 0));
  }
}

}  // namespace

OutcomeColumns SqliteTransaction::outcome_columns(const std::string& protocol_id,
                                                  const std::vector<std::string>& time_points) {
  OutcomeColumns out;
  auto& centres = c_.statement("SELECT id FROM centres ORDER BY id");
  while (centres.executeStep()) out.centre_ids.push_back(centres.getColumn(0).getString());
  std::vector<std::int64_t> ids;
  read_episodes(c_, protocol_id, out, ids);
  out.proms.resize(static_cast<int>(time_points.size()), ids.size());
  read_transitions(c_, ids, out.episodes);
  read_schedule(c_, ids, time_points, out);
  read_responses(c_, ids, time_points, out);
  read_adverse_events(c_, ids, out.adverse_events);
  return out;
}

}  // namespace rp::store::sqlite
