// The outcome report's whole-table read on SQLite (scan_outcome_columns): each table in
// one pass, straight into the column arrays of store/outcome_columns.hpp; the reference
// of the derived rows the report reads (sqlite_outcome_rows.cpp). Adverse events in id
// order, as the derived rows give them. Text is read through SQLite's own buffers and dates
// are parsed in place, so no row allocates.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "base/error.hpp"
#include "store/outcome_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// The day of a date column, or kNoDay for NULL or text that is not a date.
std::int32_t day_of(const SQLite::Column& col) { return col.isNull() ? kNoDay : outcome_day_of(col.getText()); }

double number_or_nan(const SQLite::Column& col) {
  return col.isNull() ? std::numeric_limits<double>::quiet_NaN() : col.getDouble();
}

int index_of(const std::vector<std::string>& list, std::string_view text) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i] == text) return static_cast<int>(i);
  return -1;
}

// Which row each episode of a treated joint feeds: the joint's first episode and its
// repeats, sorted by episode id so that a row is found by binary search. Only the first
// episode's questionnaires are the row's time points (a repeat restarts its own schedule).
struct Members {
  struct Member {
    std::int64_t episode;
    int row;
    bool first;
  };
  std::vector<Member> firsts, repeats;  // each in episode id order
  const Member* find(std::int64_t id) const {
    for (const auto* list : {&firsts, &repeats}) {
      const auto it = std::lower_bound(list->begin(), list->end(), id,
                                       [](const Member& m, std::int64_t v) { return m.episode < v; });
      if (it != list->end() && it->episode == id) return &*it;
    }
    return nullptr;
  }
};

// The treated joints of the protocol: its episodes with a recorded injection that repeat
// no other, with the day the injection was recorded as done.
// Only the joints of patients `consent` counts: every other read follows these rows.
void read_episodes(Connection& c, const std::string& protocol_id, const ConsentScope& consent, OutcomeColumns& out,
                   Members& members) {
  auto& q = c.statement(
      "SELECT e.id, e.centre_id, MIN(t.on_date), p.birth_date, e.kl_grade, e.cell_source FROM episodes e "
      "JOIN episode_transitions t ON t.episode_id = e.id AND t.to_state = 'injected' "
      "JOIN patients p ON p.id = e.patient_id "
      "WHERE e.protocol_id = ? AND e.repeat_of IS NULL AND (? = 1 OR p.consent_registry = 1 OR e.centre_id = ?) "
      "GROUP BY e.id, e.centre_id, p.birth_date, e.kl_grade, e.cell_source ORDER BY e.id");
  q.bind(1, protocol_id);
  q.bind(2, consent.every_patient ? 1 : 0);
  q.bind(3, consent.own_centre);
  EpisodeColumns& e = out.episodes;
  while (q.executeStep()) {
    members.firsts.push_back({q.getColumn(0).getInt64(), static_cast<int>(e.centre.size()), true});
    e.centre.push_back(index_of(out.centre_ids, q.getColumn(1).getText()));
    e.injection_day.push_back(day_of(q.getColumn(2)));
    const SQLite::Column injected = q.getColumn(2), kl = q.getColumn(4), source = q.getColumn(5);
    e.age_band.push_back(injected.isNull() ? EpisodeColumns::kUnknown
                                           : age_band_of(q.getColumn(3).getText(), injected.getText()));
    e.kl_grade.push_back(kl.isNull() ? EpisodeColumns::kUnknown : static_cast<std::int8_t>(kl.getInt()));
    e.cell_source.push_back(source.isNull() ? EpisodeColumns::kUnknown : cell_source_index(source.getText()));
  }
  const std::size_t n = e.centre.size();
  e.converted_day.assign(n, kNoDay);
  e.exit_day.assign(n, kNoDay);
  e.last_contact_day.assign(n, kNoDay);
  e.repeat_day.assign(n, kNoDay);
}

// Repeats join the row of the joint they treat again (following repeat_of to the first
// episode); the first repeat injected is the row's repeat event.
void read_repeats(Connection& c, OutcomeColumns& out, Members& members) {
  auto& q = c.statement(
      "SELECT e.id, e.repeat_of, (SELECT MIN(t.on_date) FROM episode_transitions t WHERE t.episode_id = e.id "
      "AND t.to_state = 'injected') FROM episodes e WHERE e.repeat_of IS NOT NULL ORDER BY e.id");
  struct Repeat {
    std::int64_t id, of;
    std::int32_t injected;
  };
  std::vector<Repeat> repeats;
  while (q.executeStep())
    repeats.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), day_of(q.getColumn(2))});
  // An episode repeats one made before it, so in id order each one's joint is known once
  // the earlier ones are placed.
  for (const Repeat& r : repeats) {
    const Members::Member* of = members.find(r.of);
    if (!of) continue;  // the joint's first episode is of another protocol, or not treated
    const int row = of->row;
    members.repeats.push_back({r.id, row, false});  // in id order, as read
    auto& day = out.episodes.repeat_day[static_cast<std::size_t>(row)];
    if (r.injected != kNoDay && (day == kNoDay || r.injected < day)) day = r.injected;
  }
}

// The account that injected each row's joint (its first episode's injected_by), read in
// name order so that operator_ids comes out sorted without a map.
void read_operators(Connection& c, const Members& members, OutcomeColumns& out) {
  auto& q = c.statement(
      "SELECT id, injected_by FROM episodes WHERE injected_by IS NOT NULL AND repeat_of IS NULL "
      "ORDER BY injected_by, id");
  auto& rows = out.episodes.injecting_operator;
  rows.assign(out.episodes.size(), -1);
  while (q.executeStep()) {
    const auto* m = members.find(q.getColumn(0).getInt64());
    if (!m || !m->first) continue;
    const std::string_view name = q.getColumn(1).getText();
    if (out.operator_ids.empty() || out.operator_ids.back() != name) out.operator_ids.emplace_back(name);
    rows[static_cast<std::size_t>(m->row)] = static_cast<std::int32_t>(out.operator_ids.size() - 1);
  }
}

void read_transitions(Connection& c, const Members& members, EpisodeColumns& e) {
  auto& q = c.statement(
      "SELECT episode_id, to_state = 'converted_to_thr', on_date FROM episode_transitions "
      "WHERE to_state IN ('converted_to_thr', 'withdrawn', 'lost_to_follow_up')");
  while (q.executeStep()) {
    const auto* m = members.find(q.getColumn(0).getInt64());
    if (!m) continue;
    auto& slot = q.getColumn(1).getInt() != 0 ? e.converted_day[m->row] : e.exit_day[m->row];
    slot = std::max(slot, day_of(q.getColumn(2)));
  }
}

void read_schedule(Connection& c, const Members& members, const std::vector<std::string>& time_points,
                   OutcomeColumns& out) {
  auto& q = c.statement(
      "SELECT episode_id, item_id, status = 'done', done_on, window_end, status = 'missed' FROM schedule_items "
      "WHERE status = 'done' OR kind = 'questionnaire'");
  while (q.executeStep()) {
    const auto* m = members.find(q.getColumn(0).getInt64());
    if (!m) continue;
    if (q.getColumn(2).getInt() != 0) {
      auto& last = out.episodes.last_contact_day[m->row];
      last = std::max(last, day_of(q.getColumn(3)));
    }
    if (!m->first) continue;
    const int tp = index_of(time_points, q.getColumn(1).getText());
    if (tp >= 0)
      out.proms.window_end_day[tp][m->row] =
          q.getColumn(5).getInt() != 0 ? PromColumns::kMissedDay : day_of(q.getColumn(4));
  }
}

void read_responses(Connection& c, const Members& members, const std::vector<std::string>& time_points,
                    OutcomeColumns& out) {
  // The submission day is the UTC date of the instant; a day early at most, for answers
  // given between midnight and 03:30 in Tehran. Each score is one lookup of its typed row
  // by primary key (0014_response_scores.sql): as fast as json_extract on scores_json was,
  // and five times faster than a join grouped by response (measured on a demo database).
  auto& q = c.statement(
      "SELECT r.episode_id, r.item_id, r.instrument, r.submitted_at, "
      "(SELECT value FROM response_scores WHERE response_id = r.id AND name = 'pain'), "
      "(SELECT value FROM response_scores WHERE response_id = r.id AND name = 'adl'), "
      "(SELECT value FROM response_scores WHERE response_id = r.id AND name = 'total'), "
      "(SELECT value FROM response_scores WHERE response_id = r.id AND name = 'global'), "
      "(SELECT value FROM response_scores WHERE response_id = r.id AND name = 'returned'), "
      "(SELECT text FROM response_scores WHERE response_id = r.id AND name = 'date') "
      "FROM questionnaire_responses r "
      "WHERE r.instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity')");
  PromColumns& p = out.proms;
  while (q.executeStep()) {
    const auto* m = members.find(q.getColumn(0).getInt64());
    if (!m) continue;
    const int row = m->row;
    auto& last = out.episodes.last_contact_day[row];
    last = std::max(last, day_of(q.getColumn(3)));
    if (!m->first) continue;
    const int tp = index_of(time_points, q.getColumn(1).getText());
    if (tp < 0) continue;
    const std::string_view instrument = q.getColumn(2).getText();
    auto set = [&](PromMeasure measure, int col) {
      p.set(measure, tp, static_cast<std::size_t>(row), number_or_nan(q.getColumn(col)));
    };
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

void read_adverse_events(Connection& c, const Members& members, std::size_t rows, AdverseEventColumns& a) {
  auto& q = c.statement(
      "SELECT episode_id, kind, COALESCE(ctcae_grade, 0), serious, ctcae_grade IS NOT NULL OR serious_reasons <> '', "
      "category FROM adverse_events WHERE kind = 'adverse_event' OR (kind = 'red_flag' AND triage IS NULL) ORDER BY "
      "id");
  a.untriaged_red_flags.assign(rows, 0);
  while (q.executeStep()) {
    const auto* m = members.find(q.getColumn(0).getInt64());
    if (!m) continue;  // an episode never treated: not an outcome of a treatment
    if (std::string_view(q.getColumn(1).getText()) == "red_flag") {
      ++a.untriaged_red_flags[static_cast<std::size_t>(m->row)];
      continue;
    }
    a.episode_row.push_back(m->row);
    a.ctcae_grade.push_back(static_cast<std::int8_t>(q.getColumn(2).getInt()));
    a.serious.push_back(static_cast<std::int8_t>(q.getColumn(3).getInt() != 0));
    a.assessed.push_back(static_cast<std::int8_t>(q.getColumn(4).getInt() != 0 || q.getColumn(3).getInt() != 0));
    int category = index_of(a.category_names, q.getColumn(5).getText());
    if (category < 0) {
      category = static_cast<int>(a.category_names.size());
      a.category_names.emplace_back(q.getColumn(5).getText());
    }
    a.category.push_back(static_cast<std::int16_t>(category));
  }
}

}  // namespace

OutcomeColumns SqliteTransaction::scan_outcome_columns(const std::string& protocol_id,
                                                       const std::vector<std::string>& time_points,
                                                       const ConsentScope& consent) {
  OutcomeColumns out;
  auto& centres = c_.statement("SELECT id FROM centres ORDER BY id");
  while (centres.executeStep()) out.centre_ids.push_back(centres.getColumn(0).getString());
  Members members;
  read_episodes(c_, protocol_id, consent, out, members);
  read_repeats(c_, out, members);
  read_operators(c_, members, out);
  out.proms.resize(static_cast<int>(time_points.size()), out.episodes.size());
  read_transitions(c_, members, out.episodes);
  read_schedule(c_, members, time_points, out);
  read_responses(c_, members, time_points, out);
  read_adverse_events(c_, members, out.episodes.size(), out.adverse_events);
  return out;
}

}  // namespace rp::store::sqlite
