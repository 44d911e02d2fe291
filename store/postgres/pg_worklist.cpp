// The staff worklist on PostgreSQL: holds, red flags, products awaiting release, code
// guesses, and the schedule items of the day (the SQLite adapter's statements with $n
// parameters, strpos for instr, and typed parameters where nothing else names a type).
#include "store/postgres/pg_store.hpp"
#include "store/search_names.hpp"

namespace rp::store::postgres {
namespace {

// The first eight columns of every worklist query: the patient and the episode.
constexpr const char* kWho = "SELECT p.id, p.mrn, p.name_fa, p.name_latin, e.id, e.side, e.state, e.protocol_id";

// Episodes that need nothing more from the clinic.
constexpr const char* kEnded = "('completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible')";

WorklistPatient read_who(const Result& r, int i) {
  WorklistPatient w;
  w.patient_id = r.int64(i, 0);
  w.mrn = r.text(i, 1);
  w.name_fa = r.text(i, 2);
  w.name_latin = r.text(i, 3);
  w.episode_id = r.int64(i, 4);
  w.side = parse_side(r.text(i, 5));
  w.state = parse_episode_state(r.text(i, 6));
  w.protocol_id = r.text(i, 7);
  return w;
}

// Columns 0-8: the patient, the episode and the mobile; 9-18: the item.
constexpr const char* kColumns =
    "SELECT p.id, p.mrn, p.name_fa, p.name_latin, e.id, e.side, e.state, e.protocol_id, p.mobile, "
    "s.item_id, s.kind, s.anchor, s.offset_text, s.start_date, s.end_date, s.window_start, s.window_end, "
    "s.status, s.done_on ";

// $1 centre, $2 kind, $3 patient text folded for search ('' = any: the SQLite adapter says
// how it is matched), $4 items kept, $5 today, $6 upcoming until.
constexpr const char* kJoin =
    "FROM episodes e JOIN patients p ON p.id = e.patient_id JOIN schedule_items s ON s.episode_id = e.id ";
constexpr const char* kWhere =
    "WHERE e.centre_id = $1::text AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', "
    "'lost_to_follow_up', 'ineligible') "
    "AND s.kind IN ('visit', 'imaging', 'questionnaire', 'order') "
    "AND ($2::text = '' OR s.kind = $2) "
    "AND ($3::text = '' OR strpos(p.search_names, $3) > 0 OR strpos(lower(p.mrn), $3) > 0) "
    "AND ($4::text = '' OR strpos($4, ',' || e.protocol_id || '/' || s.item_id || ',') > 0) ";
constexpr const char* kUnanswered =
    "AND NOT (s.kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r "
    "WHERE r.episode_id = s.episode_id AND r.item_id = s.item_id)) ";
constexpr const char* kOpen =
    "AND s.status = 'planned' AND s.window_end >= $5::text AND (s.window_start <= $5 OR s.start_date <= $6::text) ";
constexpr const char* kWindowClosed = "AND s.status = 'planned' AND s.window_end < $5::text AND $6::text = $6 ";
constexpr const char* kMissed = "AND s.status = 'missed' ";

Params query_params(const WorklistItemsQuery& w) {
  Params p;
  p.text(w.centre_id).text(w.kind).text(search_folded(w.patient)).text(w.items).date(w.today).date(w.upcoming_until);
  return p;
}

WorklistOpenItemRow read_row(const Result& r, int i) {
  WorklistOpenItemRow row;
  row.who = read_who(r, i);
  row.mobile = r.text(i, 8);
  row.item = read_scheduled_item(r, i, 9);
  return row;
}

ScheduleClosureRow read_closure(const Result& r, int i, int first) {
  ScheduleClosureRow c;
  c.id = r.int64(i, first);
  c.episode_id = r.int64(i, first + 1);
  c.item_id = r.text(i, first + 2);
  c.action = r.text(i, first + 3);
  c.reason = r.text(i, first + 4);
  c.note = r.text(i, first + 5);
  c.actor = r.text(i, first + 6);
  c.role = r.text(i, first + 7);
  c.at = r.text(i, first + 8);
  return c;
}

std::vector<WorklistOpenItemRow> read_rows(Connection& c, const std::string& sql, const WorklistItemsQuery& w) {
  auto r = c.exec(sql, query_params(w).integer(w.limit).integer(w.offset));
  std::vector<WorklistOpenItemRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_row(r, i));
  return out;
}

}  // namespace

std::vector<WorklistItemRow> PgTransaction::worklist_items(const WorklistQuery& query) {
  static const std::string sql =
      std::string(kWho) +
      ", s.item_id, s.kind, s.anchor, s.offset_text, s.start_date, s.end_date, s.window_start, s.window_end, "
      "s.status, s.done_on "
      "FROM episodes e JOIN patients p ON p.id = e.patient_id JOIN schedule_items s ON s.episode_id = e.id "
      "WHERE e.centre_id = $1 AND e.state NOT IN " +
      kEnded +
      " AND s.status = 'planned' AND s.kind = 'hold' AND s.start_date >= $2 AND s.start_date <= $3 "
      "ORDER BY s.start_date, e.id, s.item_id";
  auto r = c_.exec(sql, Params().text(query.centre_id).date(query.today).date(query.holds_until));
  std::vector<WorklistItemRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({read_who(r, i), read_scheduled_item(r, i, 8)});
  return out;
}

std::vector<WorklistRedFlagRow> PgTransaction::worklist_red_flags(const std::string& centre_id) {
  static const std::string sql =
      std::string(kWho) +
      ", a.id, a.category, a.severity, a.description, a.onset_date, a.reported_by, a.reported_at, a.status, "
      "a.acknowledged_by, a.acknowledged_at, a.acknowledged_role, COALESCE(a.ack_action, ''), a.ack_note, p.mobile "
      "FROM adverse_events a JOIN episodes e ON e.id = a.episode_id JOIN patients p ON p.id = e.patient_id "
      "WHERE a.centre_id = $1 AND a.kind = 'red_flag' AND a.status IN ('open', 'acknowledged') AND a.triage IS NULL "
      "ORDER BY a.status = 'acknowledged', a.reported_at DESC, a.id DESC";
  auto r = c_.exec(sql, Params().text(centre_id));
  std::vector<WorklistRedFlagRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    WorklistRedFlagRow row{read_who(r, i), {}, r.text(i, 21)};
    AdverseEventRow& a = row.event;
    a.id = r.int64(i, 8);
    a.episode_id = row.who.episode_id;
    a.centre_id = centre_id;
    a.kind = "red_flag";
    std::string* fields[] = {&a.category,        &a.severity,          &a.description, &a.onset_date,
                             &a.reported_by,     &a.reported_at,       &a.status,      &a.acknowledged_by,
                             &a.acknowledged_at, &a.acknowledged_role, &a.ack_action,  &a.ack_note};
    int col = 9;
    for (std::string* f : fields) *f = r.text(i, col++);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<WorklistProductRow> PgTransaction::worklist_awaiting_release(const std::string& centre_id) {
  static const std::string sql = std::string(kWho) +
                                 ", e.harvest_date FROM episodes e JOIN patients p ON p.id = e.patient_id "
                                 "WHERE e.centre_id = $1 AND e.state = 'harvested' ORDER BY e.harvest_date, e.id";
  auto r = c_.exec(sql, Params().text(centre_id));
  std::vector<WorklistProductRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({read_who(r, i), r.opt_date(i, 8)});
  return out;
}

std::vector<WorklistCodeGuessRow> PgTransaction::worklist_code_guesses(const std::string& centre_id,
                                                                       const std::string& since, int min_wrong) {
  auto r = c_.exec(
      "SELECT p.id, p.mrn, p.name_fa, p.name_latin, COUNT(*), MAX(c.at) "
      "FROM code_events c JOIN patients p ON p.mobile = c.mobile "
      "WHERE c.kind = 'wrong' AND c.at > $1 AND p.centre_id = $2 "
      "GROUP BY p.id, p.mrn, p.name_fa, p.name_latin HAVING COUNT(*) >= $3 ORDER BY MAX(c.at) DESC, p.id",
      Params().text(since).text(centre_id).integer(min_wrong));
  std::vector<WorklistCodeGuessRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.int32(i, 4), r.text(i, 5)});
  return out;
}

std::vector<WorklistOpenItemRow> PgTransaction::worklist_open_items(const WorklistItemsQuery& w) {
  // Due today first, then overdue by the day its window closes, then the rest by date.
  static const std::string sql =
      std::string(kColumns) + kJoin + kWhere + kOpen + kUnanswered +
      "ORDER BY CASE WHEN s.start_date = $5 THEN 0 WHEN s.start_date < $5 THEN 1 ELSE 2 END, "
      "CASE WHEN s.start_date < $5 THEN s.window_end ELSE s.start_date END, s.start_date, "
      "e.id, s.item_id LIMIT $7 OFFSET $8";
  return read_rows(c_, sql, w);
}

std::int64_t PgTransaction::worklist_open_count(const WorklistItemsQuery& w) {
  static const std::string sql = std::string("SELECT COUNT(*) ") + kJoin + kWhere + kOpen + kUnanswered;
  return c_.exec(sql, query_params(w)).int64(0, 0);
}

std::vector<WorklistOpenItemRow> PgTransaction::worklist_window_closed(const WorklistItemsQuery& w) {
  static const std::string sql = std::string(kColumns) + kJoin + kWhere + kWindowClosed + kUnanswered +
                                 "ORDER BY s.window_end DESC, e.id, s.item_id LIMIT $7 OFFSET $8";
  return read_rows(c_, sql, w);
}

std::int64_t PgTransaction::worklist_window_closed_count(const WorklistItemsQuery& w) {
  static const std::string sql = std::string("SELECT COUNT(*) ") + kJoin + kWhere + kWindowClosed + kUnanswered;
  return c_.exec(sql, query_params(w)).int64(0, 0);
}

std::vector<WorklistClosedRow> PgTransaction::worklist_closed_missed(const WorklistItemsQuery& w) {
  // The latest decision on each missed item, when it was a closing one ($5, $6 unused).
  static const std::string sql =
      std::string(kColumns) + ", c.id, c.episode_id, c.item_id, c.action, c.reason, c.note, c.actor, c.role, c.at " +
      kJoin +
      "JOIN schedule_closures c ON c.id = (SELECT MAX(x.id) FROM schedule_closures x "
      "WHERE x.episode_id = s.episode_id AND x.item_id = s.item_id) " +
      kWhere + kMissed +
      "AND c.action = 'closed' AND $5::text = $5 AND $6::text = $6 ORDER BY c.id DESC LIMIT $7 OFFSET $8";
  auto r = c_.exec(sql, query_params(w).integer(w.limit).integer(w.offset));
  std::vector<WorklistClosedRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    WorklistOpenItemRow row = read_row(r, i);
    out.push_back({std::move(row.who), std::move(row.mobile), std::move(row.item), read_closure(r, i, 19)});
  }
  return out;
}

std::int64_t PgTransaction::insert_schedule_closure(const ScheduleClosureRow& c) {
  auto r = c_.exec(
      "INSERT INTO schedule_closures (episode_id, item_id, action, reason, note, actor, role, at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
      Params()
          .integer(c.episode_id)
          .text(c.item_id)
          .text(c.action)
          .text(c.reason)
          .text(c.note)
          .text(c.actor)
          .text(c.role)
          .text(c.at));
  return r.int64(0, 0);
}

std::vector<ScheduleClosureRow> PgTransaction::schedule_closures(std::int64_t episode_id, const std::string& item_id) {
  auto r = c_.exec(
      "SELECT id, episode_id, item_id, action, reason, note, actor, role, at FROM schedule_closures "
      "WHERE episode_id = $1 AND item_id = $2 ORDER BY id",
      Params().integer(episode_id).text(item_id));
  std::vector<ScheduleClosureRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_closure(r, i, 0));
  return out;
}

}  // namespace rp::store::postgres
