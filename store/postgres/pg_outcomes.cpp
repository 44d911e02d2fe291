// The outcome report's reads on PostgreSQL: each table in one pass into the column arrays
// of store/outcome_columns.hpp, as the SQLite adapter reads them; the questionnaire
// scores from their typed rows (response_scores), never from JSON.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

// Days since 1970-01-01 of an ISO date's first ten characters (H. Hinnant's
// days_from_civil), or kNoDay for NULL or text that is not a date.
std::int32_t day_of(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoDay;
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

std::int32_t day_of(const Result& r, int i, int col) { return r.null(i, col) ? kNoDay : day_of(r.view(i, col)); }

int index_of(const std::vector<std::string>& list, std::string_view text) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i] == text) return static_cast<int>(i);
  return -1;
}

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

// Only the joints of patients `consent` counts: every other read follows these rows.
void read_episodes(Connection& c, const std::string& protocol_id, const ConsentScope& consent, OutcomeColumns& out,
                   Members& members) {
  auto r = c.exec(
      "SELECT e.id, e.centre_id, MIN(t.on_date), p.birth_date, e.kl_grade, e.cell_source FROM episodes e "
      "JOIN episode_transitions t ON t.episode_id = e.id AND t.to_state = 'injected' "
      "JOIN patients p ON p.id = e.patient_id "
      "WHERE e.protocol_id = $1 AND e.repeat_of IS NULL AND ($2 = 1 OR p.consent_registry = 1 OR e.centre_id = $3) "
      "GROUP BY e.id, e.centre_id, p.birth_date, e.kl_grade, e.cell_source ORDER BY e.id",
      Params().text(protocol_id).flag(consent.every_patient).text(consent.own_centre));
  EpisodeColumns& e = out.episodes;
  for (int i = 0; i < r.rows(); ++i) {
    members.firsts.push_back({r.int64(i, 0), static_cast<int>(e.centre.size()), true});
    e.centre.push_back(index_of(out.centre_ids, r.view(i, 1)));
    e.injection_day.push_back(day_of(r, i, 2));
    e.age_band.push_back(r.null(i, 2) ? EpisodeColumns::kUnknown : age_band_of(r.view(i, 3), r.view(i, 2)));
    e.kl_grade.push_back(r.null(i, 4) ? EpisodeColumns::kUnknown : static_cast<std::int8_t>(r.int32(i, 4)));
    e.cell_source.push_back(r.null(i, 5) ? EpisodeColumns::kUnknown : cell_source_index(r.view(i, 5)));
  }
  const std::size_t n = e.centre.size();
  e.converted_day.assign(n, kNoDay);
  e.exit_day.assign(n, kNoDay);
  e.last_contact_day.assign(n, kNoDay);
  e.repeat_day.assign(n, kNoDay);
}

void read_repeats(Connection& c, OutcomeColumns& out, Members& members) {
  auto r = c.exec(
      "SELECT e.id, e.repeat_of, (SELECT MIN(t.on_date) FROM episode_transitions t WHERE t.episode_id = e.id "
      "AND t.to_state = 'injected') FROM episodes e WHERE e.repeat_of IS NOT NULL ORDER BY e.id");
  for (int i = 0; i < r.rows(); ++i) {
    const Members::Member* of = members.find(r.int64(i, 1));
    if (!of) continue;  // the joint's first episode is of another protocol, or not treated
    const int row = of->row;
    members.repeats.push_back({r.int64(i, 0), row, false});
    const std::int32_t injected = day_of(r, i, 2);
    auto& day = out.episodes.repeat_day[static_cast<std::size_t>(row)];
    if (injected != kNoDay && (day == kNoDay || injected < day)) day = injected;
  }
}

// The account that injected each row's joint, in name order (COLLATE "C", as SQLite
// sorts) so that operator_ids comes out sorted without a map.
void read_operators(Connection& c, const Members& members, OutcomeColumns& out) {
  auto r = c.exec(
      "SELECT id, injected_by FROM episodes WHERE injected_by IS NOT NULL AND repeat_of IS NULL "
      "ORDER BY injected_by, id");
  auto& rows = out.episodes.injecting_operator;
  rows.assign(out.episodes.size(), -1);
  for (int i = 0; i < r.rows(); ++i) {
    const auto* m = members.find(r.int64(i, 0));
    if (!m || !m->first) continue;
    const std::string_view name = r.view(i, 1);
    if (out.operator_ids.empty() || out.operator_ids.back() != name) out.operator_ids.emplace_back(name);
    rows[static_cast<std::size_t>(m->row)] = static_cast<std::int32_t>(out.operator_ids.size() - 1);
  }
}

void read_transitions(Connection& c, const Members& members, EpisodeColumns& e) {
  auto r = c.exec(
      "SELECT episode_id, to_state = 'converted_to_thr', on_date FROM episode_transitions "
      "WHERE to_state IN ('converted_to_thr', 'withdrawn', 'lost_to_follow_up')");
  for (int i = 0; i < r.rows(); ++i) {
    const auto* m = members.find(r.int64(i, 0));
    if (!m) continue;
    auto& slot = r.view(i, 1) == "t" ? e.converted_day[m->row] : e.exit_day[m->row];
    slot = std::max(slot, day_of(r, i, 2));
  }
}

void read_schedule(Connection& c, const Members& members, const std::vector<std::string>& time_points,
                   OutcomeColumns& out) {
  auto r = c.exec(
      "SELECT episode_id, item_id, status = 'done', done_on, window_end, status = 'missed' FROM schedule_items "
      "WHERE status = 'done' OR kind = 'questionnaire'");
  for (int i = 0; i < r.rows(); ++i) {
    const auto* m = members.find(r.int64(i, 0));
    if (!m) continue;
    if (r.view(i, 2) == "t") {
      auto& last = out.episodes.last_contact_day[m->row];
      last = std::max(last, day_of(r, i, 3));
    }
    if (!m->first) continue;
    const int tp = index_of(time_points, r.view(i, 1));
    if (tp >= 0) out.proms.window_end_day[tp][m->row] = r.view(i, 5) == "t" ? PromColumns::kMissedDay : day_of(r, i, 4);
  }
}

void read_responses(Connection& c, const Members& members, const std::vector<std::string>& time_points,
                    OutcomeColumns& out) {
  // Each score is one lookup of its typed row by primary key (0014_response_scores.sql),
  // as on SQLite.
  auto r = c.exec(
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
  for (int i = 0; i < r.rows(); ++i) {
    const auto* m = members.find(r.int64(i, 0));
    if (!m) continue;
    const int row = m->row;
    auto& last = out.episodes.last_contact_day[row];
    last = std::max(last, day_of(r, i, 3));
    if (!m->first) continue;
    const int tp = index_of(time_points, r.view(i, 1));
    if (tp < 0) continue;
    const std::string_view instrument = r.view(i, 2);
    auto set = [&](PromMeasure measure, int col) {
      p.value[static_cast<int>(measure)][tp][row] =
          r.null(i, col) ? std::numeric_limits<double>::quiet_NaN() : r.number(i, col);
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
    } else if (!r.null(i, 8)) {  // return-to-activity
      const std::int32_t back = day_of(r, i, 9);
      const std::int32_t injected = out.episodes.injection_day[row];
      p.returned_after[tp][row] = static_cast<std::int64_t>(r.number(i, 8)) == 0 || back == kNoDay || injected == kNoDay
                                      ? PromColumns::kNotYet
                                      : std::max(0, back - injected);
    }
  }
}

void read_adverse_events(Connection& c, const Members& members, std::size_t rows, AdverseEventColumns& a) {
  auto r = c.exec(
      "SELECT episode_id, kind, COALESCE(ctcae_grade, 0), serious, ctcae_grade IS NOT NULL OR serious_reasons <> '', "
      "category FROM adverse_events WHERE kind = 'adverse_event' OR (kind = 'red_flag' AND triage IS NULL)");
  a.untriaged_red_flags.assign(rows, 0);
  for (int i = 0; i < r.rows(); ++i) {
    const auto* m = members.find(r.int64(i, 0));
    if (!m) continue;  // an episode never treated: not an outcome of a treatment
    if (r.view(i, 1) == "red_flag") {
      ++a.untriaged_red_flags[static_cast<std::size_t>(m->row)];
      continue;
    }
    const bool serious = r.int64(i, 3) != 0;
    a.episode_row.push_back(m->row);
    a.ctcae_grade.push_back(static_cast<std::int8_t>(r.int64(i, 2)));
    a.serious.push_back(static_cast<std::int8_t>(serious));
    a.assessed.push_back(static_cast<std::int8_t>(r.view(i, 4) == "t" || serious));
    int category = index_of(a.category_names, r.view(i, 5));
    if (category < 0) {
      category = static_cast<int>(a.category_names.size());
      a.category_names.emplace_back(r.view(i, 5));
    }
    a.category.push_back(static_cast<std::int16_t>(category));
  }
}

}  // namespace

OutcomeColumns PgTransaction::outcome_columns(const std::string& protocol_id,
                                              const std::vector<std::string>& time_points,
                                              const ConsentScope& consent) {
  OutcomeColumns out;
  auto centres = c_.exec("SELECT id FROM centres ORDER BY id");
  for (int i = 0; i < centres.rows(); ++i) out.centre_ids.push_back(centres.text(i, 0));
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

}  // namespace rp::store::postgres
