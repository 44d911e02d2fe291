// The outcome report's whole-table read on PostgreSQL (scan_outcome_columns): each table
// in one pass into the column arrays of store/outcome_columns.hpp, as the SQLite adapter
// reads them; the questionnaire scores from their typed rows (response_scores), never
// from JSON. The report reads the derived rows (pg_outcome_rows.cpp); this read is their
// reference. Adverse events in id order, as the derived rows give them.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "store/outcome_rows.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

// The day of a date column, or kNoDay for NULL or text that is not a date.
std::int32_t day_of(const Result& r, int i, int col) {
  return r.null(i, col) ? kNoDay : outcome_day_of(r.view(i, col));
}

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

// The answers the report uses, and the scores read from them.
enum class Answered : std::int8_t { nrs, hoos, oxford, global, returned };

struct ReadResponse {
  int row, tp;
  Answered instrument;
  double returned = std::numeric_limits<double>::quiet_NaN();  // return-to-activity: 0 = not yet
  std::int32_t back = kNoDay;                                  // and the day, when back
};

void read_responses(Connection& c, const Members& members, const std::vector<std::string>& time_points,
                    OutcomeColumns& out) {
  // Two scans joined here by the response id (a hash), not a lookup per score: on
  // PostgreSQL a subquery per score is a sub-plan per row, several times slower than
  // reading both tables once (bench/registry).
  auto r = c.exec(
      "SELECT id, episode_id, item_id, instrument, submitted_at FROM questionnaire_responses "
      "WHERE instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity')");
  std::vector<ReadResponse> responses;
  std::unordered_map<std::int64_t, std::size_t> by_id;
  for (int i = 0; i < r.rows(); ++i) {
    const auto* m = members.find(r.int64(i, 1));
    if (!m) continue;
    auto& last = out.episodes.last_contact_day[m->row];
    last = std::max(last, day_of(r, i, 4));
    if (!m->first) continue;
    const int tp = index_of(time_points, r.view(i, 2));
    if (tp < 0) continue;
    const std::string_view instrument = r.view(i, 3);
    const Answered kind = instrument == "nrs"              ? Answered::nrs
                          : instrument == "hoos"           ? Answered::hoos
                          : instrument == "oxford-hip"     ? Answered::oxford
                          : instrument == "patient-global" ? Answered::global
                                                           : Answered::returned;
    by_id.emplace(r.int64(i, 0), responses.size());
    responses.push_back({m->row, tp, kind});
  }
  auto s = c.exec(
      "SELECT response_id, name, value, text FROM response_scores "
      "WHERE name IN ('pain', 'adl', 'total', 'global', 'returned', 'date')");
  PromColumns& p = out.proms;
  for (int i = 0; i < s.rows(); ++i) {
    const auto it = by_id.find(s.int64(i, 0));
    if (it == by_id.end()) continue;
    ReadResponse& a = responses[it->second];
    const std::string_view name = s.view(i, 1);
    const double value = s.null(i, 2) ? std::numeric_limits<double>::quiet_NaN() : s.number(i, 2);
    auto set = [&](PromMeasure measure) { p.set(measure, a.tp, static_cast<std::size_t>(a.row), value); };
    switch (a.instrument) {
      case Answered::nrs:
        if (name == "pain") set(PromMeasure::nrs_pain);
        break;
      case Answered::hoos:
        if (name == "pain") set(PromMeasure::hoos_pain);
        if (name == "adl") set(PromMeasure::hoos_adl);
        break;
      case Answered::oxford:
        if (name == "total") set(PromMeasure::oxford_total);
        break;
      case Answered::global:
        if (name == "global") set(PromMeasure::patient_global);
        break;
      case Answered::returned:
        if (name == "returned") a.returned = value;
        if (name == "date") a.back = s.null(i, 3) ? kNoDay : outcome_day_of(s.view(i, 3));
        break;
    }
  }
  for (const ReadResponse& a : responses) {
    if (a.instrument != Answered::returned || std::isnan(a.returned)) continue;
    const std::int32_t injected = out.episodes.injection_day[a.row];
    p.returned_after[a.tp][a.row] = static_cast<std::int64_t>(a.returned) == 0 || a.back == kNoDay || injected == kNoDay
                                        ? PromColumns::kNotYet
                                        : std::max(0, a.back - injected);
  }
}

void read_adverse_events(Connection& c, const Members& members, std::size_t rows, AdverseEventColumns& a) {
  auto r = c.exec(
      "SELECT episode_id, kind, COALESCE(ctcae_grade, 0), serious, ctcae_grade IS NOT NULL OR serious_reasons <> '', "
      "category FROM adverse_events WHERE kind = 'adverse_event' OR (kind = 'red_flag' AND triage IS NULL) ORDER BY "
      "id");
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

OutcomeColumns PgTransaction::scan_outcome_columns(const std::string& protocol_id,
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
