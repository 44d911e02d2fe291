// The worklist's schedule items on SQLite: the day's (due today, overdue, due soon), those
// whose window closed, those closed as missed, and the closing decisions. Plain SQL that
// PostgreSQL runs unchanged: dates are ISO text compared as text, and "contains" is LIKE
// with an escaped pattern (store/like_pattern.hpp). The planned items are found by status and the day their window
// closes (index schedule_by_status_window_end, migration 0011), their episode and patient by key, and a questionnaire's
// answers by time point (responses_by_episode_item): a read costs the items near the day, not the whole registry's
// schedule. Pages are bounded by the caller.
#include "store/like_pattern.hpp"
#include "store/search_names.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// Columns 0-8: the patient, the episode and the mobile; 9-18: the item.
constexpr const char* kColumns =
    "SELECT p.id, p.mrn, p.name_fa, p.name_latin, e.id, e.side, e.state, e.protocol_id, p.mobile, "
    "s.item_id, s.kind, s.anchor, s.offset_text, s.start_date, s.end_date, s.window_start, s.window_end, "
    "s.status, s.done_on ";

// ?1 centre, ?2 kind, ?3 patient text folded for search ('' = any patient), ?4 items kept,
// ?5 today, ?6 upcoming until (?7, ?8 a page's limit and offset), ?9 the folded patient
// text as a pattern, matched against both names folded (patients.search_names, migration
// 0018: ي finds ی, with or without the zero-width non-joiner) and the record number in
// lower case. A text that folds to nothing (spaces, invisible characters) filters nothing.
// An item is kept when
// ",protocol/item," is in ?4, matched literally: the item's own % or _ escaped as
// contains_pattern escapes them.
constexpr const char* kJoin =
    "FROM episodes e JOIN patients p ON p.id = e.patient_id JOIN schedule_items s ON s.episode_id = e.id ";
constexpr const char* kWhere =
    "WHERE e.centre_id = ?1 AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', "
    "'lost_to_follow_up', 'ineligible') "
    "AND s.kind IN ('visit', 'imaging', 'questionnaire', 'order') "
    "AND (?2 = '' OR s.kind = ?2) "
    "AND (?3 = '' OR p.search_names LIKE ?9 ESCAPE '\\' OR lower(p.mrn) LIKE ?9 ESCAPE '\\') "
    "AND (?4 = '' OR ?4 LIKE '%,' || replace(replace(replace(e.protocol_id || '/' || s.item_id, '\\', '\\\\'), "
    "     '%', '\\%'), '_', '\\_') || ',%' ESCAPE '\\') ";

constexpr const char* kUnanswered =
    "AND NOT (s.kind = 'questionnaire' AND EXISTS (SELECT 1 FROM questionnaire_responses r "
    "WHERE r.episode_id = s.episode_id AND r.item_id = s.item_id)) ";

// Window open today, or due by the end of the coming days (a window may open later).
constexpr const char* kOpen =
    "AND s.status = 'planned' AND s.window_end >= ?5 AND (s.window_start <= ?5 OR s.start_date <= ?6) ";
// (?6 is bound for every query of the family; here it plays no part.)
constexpr const char* kWindowClosed = "AND s.status = 'planned' AND s.window_end < ?5 AND ?6 = ?6 ";
constexpr const char* kMissed = "AND s.status = 'missed' ";

void bind_query(SQLite::Statement& q, const WorklistItemsQuery& w) {
  q.bind(1, w.centre_id);
  q.bind(2, w.kind);
  const std::string patient = search_folded(w.patient);
  q.bind(3, patient);
  q.bind(4, w.items);
  q.bind(5, w.today.iso());
  q.bind(6, w.upcoming_until.iso());
  q.bind(9, contains_pattern(patient));
}

WorklistOpenItemRow read_row(SQLite::Statement& q) {
  WorklistOpenItemRow r;
  r.who.patient_id = q.getColumn(0).getInt64();
  r.who.mrn = q.getColumn(1).getString();
  r.who.name_fa = q.getColumn(2).getString();
  r.who.name_latin = q.getColumn(3).getString();
  r.who.episode_id = q.getColumn(4).getInt64();
  r.who.side = parse_side(q.getColumn(5).getString());
  r.who.state = parse_episode_state(q.getColumn(6).getString());
  r.who.protocol_id = q.getColumn(7).getString();
  r.mobile = q.getColumn(8).getString();
  r.item = read_scheduled_item(q, 9);
  return r;
}

ScheduleClosureRow read_closure(SQLite::Statement& q, int first) {
  ScheduleClosureRow c;
  c.id = q.getColumn(first).getInt64();
  c.episode_id = q.getColumn(first + 1).getInt64();
  c.item_id = q.getColumn(first + 2).getString();
  c.action = q.getColumn(first + 3).getString();
  c.reason = q.getColumn(first + 4).getString();
  c.note = q.getColumn(first + 5).getString();
  c.actor = q.getColumn(first + 6).getString();
  c.role = q.getColumn(first + 7).getString();
  c.at = q.getColumn(first + 8).getString();
  return c;
}

std::vector<WorklistOpenItemRow> read_rows(SQLite::Statement& q, const WorklistItemsQuery& w) {
  bind_query(q, w);
  q.bind(7, w.limit);
  q.bind(8, w.offset);
  std::vector<WorklistOpenItemRow> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

std::int64_t read_count(SQLite::Statement& q, const WorklistItemsQuery& w) {
  bind_query(q, w);
  q.executeStep();
  const std::int64_t n = q.getColumn(0).getInt64();
  q.tryReset();
  return n;
}

}  // namespace

std::vector<WorklistOpenItemRow> SqliteTransaction::worklist_open_items(const WorklistItemsQuery& w) {
  // Due today first, then overdue by the day its window closes, then the rest by date.
  static const std::string sql =
      std::string(kColumns) + kJoin + kWhere + kOpen + kUnanswered +
      "ORDER BY CASE WHEN s.start_date = ?5 THEN 0 WHEN s.start_date < ?5 THEN 1 ELSE 2 END, "
      "CASE WHEN s.start_date < ?5 THEN s.window_end ELSE s.start_date END, s.start_date, "
      "e.id, s.item_id LIMIT ?7 OFFSET ?8";
  return read_rows(c_.statement(sql.c_str()), w);
}

std::int64_t SqliteTransaction::worklist_open_count(const WorklistItemsQuery& w) {
  static const std::string sql = std::string("SELECT COUNT(*) ") + kJoin + kWhere + kOpen + kUnanswered;
  return read_count(c_.statement(sql.c_str()), w);
}

std::vector<WorklistOpenItemRow> SqliteTransaction::worklist_window_closed(const WorklistItemsQuery& w) {
  static const std::string sql = std::string(kColumns) + kJoin + kWhere + kWindowClosed + kUnanswered +
                                 "ORDER BY s.window_end DESC, e.id, s.item_id LIMIT ?7 OFFSET ?8";
  return read_rows(c_.statement(sql.c_str()), w);
}

std::int64_t SqliteTransaction::worklist_window_closed_count(const WorklistItemsQuery& w) {
  static const std::string sql = std::string("SELECT COUNT(*) ") + kJoin + kWhere + kWindowClosed + kUnanswered;
  return read_count(c_.statement(sql.c_str()), w);
}

std::vector<WorklistClosedRow> SqliteTransaction::worklist_closed_missed(const WorklistItemsQuery& w) {
  // The latest decision on each missed item, when it was a closing one (?5, ?6 unused).
  static const std::string query =
      std::string(kColumns) + ", c.id, c.episode_id, c.item_id, c.action, c.reason, c.note, c.actor, c.role, c.at " +
      kJoin +
      "JOIN schedule_closures c ON c.id = (SELECT MAX(x.id) FROM schedule_closures x "
      "WHERE x.episode_id = s.episode_id AND x.item_id = s.item_id) " +
      kWhere + kMissed + "AND c.action = 'closed' AND ?5 = ?5 AND ?6 = ?6 ORDER BY c.id DESC LIMIT ?7 OFFSET ?8";
  auto& q = c_.statement(query.c_str());
  bind_query(q, w);
  q.bind(7, w.limit);
  q.bind(8, w.offset);
  std::vector<WorklistClosedRow> out;
  while (q.executeStep()) {
    WorklistOpenItemRow r = read_row(q);
    out.push_back({std::move(r.who), std::move(r.mobile), std::move(r.item), read_closure(q, 19)});
  }
  return out;
}

std::int64_t SqliteTransaction::insert_schedule_closure(const ScheduleClosureRow& r) {
  auto& q = c_.statement(
      "INSERT INTO schedule_closures (episode_id, item_id, action, reason, note, actor, role, at) "
      "VALUES (?,?,?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(r.episode_id));
  q.bind(2, r.item_id);
  q.bind(3, r.action);
  q.bind(4, r.reason);
  q.bind(5, r.note);
  q.bind(6, r.actor);
  q.bind(7, r.role);
  q.bind(8, r.at);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<ScheduleClosureRow> SqliteTransaction::schedule_closures(std::int64_t episode_id,
                                                                     const std::string& item_id) {
  auto& q = c_.statement(
      "SELECT id, episode_id, item_id, action, reason, note, actor, role, at FROM schedule_closures "
      "WHERE episode_id = ? AND item_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(episode_id));
  q.bind(2, item_id);
  std::vector<ScheduleClosureRow> out;
  while (q.executeStep()) out.push_back(read_closure(q, 0));
  return out;
}

}  // namespace rp::store::sqlite
