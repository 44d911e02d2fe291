// The worklist's schedule items on SQLite: the day's (due today, overdue, due soon), those
// whose window closed, those closed as missed, and the closing decisions. Plain SQL that
// PostgreSQL runs unchanged: dates are ISO text compared as text, and "contains" is LIKE
// with an escaped pattern (store/like_pattern.hpp). The items on a worklist are those with
// a worklist_centre (migration 0020: planned, of a running episode, not answered), read
// through its two partial indexes part by part (store/worklist_parts.hpp), each part in
// its index's order: a page reads the rows it shows, and a count one index range (without
// the episode or patient unless a filter names them). The items closed as missed are
// found by status and the day their window closed (schedule_by_status_window_end).
#include <array>

#include "store/like_pattern.hpp"
#include "store/search_names.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/worklist_parts.hpp"

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
// contains_pattern escapes them. ?10-?13 a cursor's window end, start, episode and item.
// ?14 how many rows a count reads at most.
constexpr const char* kJoin =
    "FROM episodes e JOIN patients p ON p.id = e.patient_id JOIN schedule_items s ON s.episode_id = e.id ";
constexpr const char* kWhere =
    "WHERE e.centre_id = ?1 AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', "
    "'lost_to_follow_up', 'ineligible') "
    "AND s.kind IN ('visit', 'imaging', 'questionnaire', 'order') "
    "AND (?2 = '' OR s.kind = ?2) ";
constexpr const char* kFilters =
    "AND (?3 = '' OR p.search_names LIKE ?9 ESCAPE '\\' OR lower(p.mrn) LIKE ?9 ESCAPE '\\') "
    "AND (?4 = '' OR ?4 LIKE '%,' || replace(replace(replace(e.protocol_id || '/' || s.item_id, '\\', '\\\\'), "
    "     '%', '\\%'), '_', '\\_') || ',%' ESCAPE '\\') ";
constexpr const char* kMissed = "AND s.status = 'missed' ";

// The items on the centre's worklist, drug holds aside (worklist_items reads those).
constexpr const char* kOnWorklist = "WHERE s.worklist_centre = ?1 AND s.kind <> 'hold' AND (?2 = '' OR s.kind = ?2) ";
// The centre's drug holds starting from today to the lookahead's end (?5, ?6), by start.
constexpr const char* kHolds = "WHERE s.worklist_centre = ?1 AND s.kind = 'hold' AND ?2 = ?2 ";
constexpr const char* kHoldDays = "AND s.start_date >= ?5 AND s.start_date <= ?6 ";
// Without a patient or items filter, a count reads the index alone.
constexpr const char* kUnfiltered = "AND ?3 = '' AND ?4 = '' ";

// The parts of the day's items: which rows, their order (the index's), and where a page
// after a cursor starts.
struct Part {
  const char* where;
  const char* order;
  const char* after;
};
// The parts read by start date say so: "+s.window_end" keeps SQLite from reading them
// through the index by window end (without statistics it chose that index for the rows of
// today and sorted every item still to come: 3,000 pages a read at a million patients).
constexpr Part kParts[kWorklistParts] = {
    {"AND s.start_date = ?5 AND +s.window_end >= ?5 ", "ORDER BY s.episode_id, s.item_id ",
     "AND (s.episode_id, s.item_id) > (?12, ?13) "},
    {"AND s.window_end >= ?5 AND s.start_date < ?5 ", "ORDER BY s.window_end, s.start_date, s.episode_id, s.item_id ",
     "AND (s.window_end, s.start_date, s.episode_id, s.item_id) > (?10, ?11, ?12, ?13) "},
    // Window open today, or due by the end of the coming days (a window may open later).
    {"AND s.start_date > ?5 AND +s.window_end >= ?5 AND (s.window_start <= ?5 OR s.start_date <= ?6) ",
     "ORDER BY s.start_date, s.episode_id, s.item_id ",
     "AND (s.start_date, s.episode_id, s.item_id) > (?11, ?12, ?13) "},
};
// The three parts together, counted in one range of the index by window end.
constexpr const char* kOpen = "AND s.window_end >= ?5 AND (s.window_start <= ?5 OR s.start_date <= ?6) ";
constexpr const char* kWindowClosed = "AND s.window_end < ?5 ";

// Binds what the statement names: each statement names the parameters it uses, the
// highest of them at most.
void bind_query(SQLite::Statement& q, const WorklistItemsQuery& w) {
  const int n = q.getBindParameterCount();
  const std::string patient = search_folded(w.patient);
  auto bind = [&](int i, const auto& v) {
    if (i <= n) q.bind(i, v);
  };
  bind(1, w.centre_id);
  bind(2, w.kind);
  bind(3, patient);
  bind(4, w.items);
  bind(5, w.today.iso());
  bind(6, w.upcoming_until.iso());
  bind(9, contains_pattern(patient));
  if (w.after) {
    bind(10, w.after->window_end.iso());
    bind(11, w.after->start.iso());
    bind(12, static_cast<int64_t>(w.after->episode_id));
    bind(13, w.after->item_id);
  }
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

std::vector<WorklistOpenItemRow> read_rows(SQLite::Statement& q, const WorklistItemsQuery& w, int limit, int offset) {
  bind_query(q, w);
  q.bind(7, limit);
  q.bind(8, offset);
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

bool filtered(const WorklistItemsQuery& w) { return !search_folded(w.patient).empty() || !w.items.empty(); }

// The items first, then their episode and patient by key (a filter on them is checked
// as each item is read).
std::string rows_sql(const char* part_where, const char* after, const char* order, const char* on = kOnWorklist) {
  return std::string(kColumns) +
         "FROM schedule_items s JOIN episodes e ON e.id = s.episode_id JOIN patients p ON p.id = e.patient_id " + on +
         kFilters + part_where + after + order + "LIMIT ?7 OFFSET ?8";
}

std::string count_sql(const char* part_where, const char* after, bool with_filters, const char* on = kOnWorklist) {
  return with_filters ? std::string(
                            "SELECT COUNT(*) FROM schedule_items s JOIN episodes e ON e.id = s.episode_id "
                            "JOIN patients p ON p.id = e.patient_id ") +
                            on + kFilters + part_where + after
                      : std::string("SELECT COUNT(*) FROM schedule_items s ") + on + kUnfiltered + part_where + after;
}

// A count that stops at ?14 rows (-1: every row, SQLite's "no limit").
std::string up_to(const std::string& count) {
  const std::string head = "SELECT COUNT(*) FROM ";
  return head + "(SELECT 1 FROM " + count.substr(head.size()) + " LIMIT ?14)";
}

std::int64_t read_count_up_to(SQLite::Statement& q, const WorklistItemsQuery& w) {
  q.bind(14, w.count_up_to > 0 ? w.count_up_to : -1);
  return read_count(q, w);
}

}  // namespace

std::vector<WorklistOpenItemRow> SqliteTransaction::worklist_open_items(const WorklistItemsQuery& w) {
  // [part][from a cursor]
  static const auto sql = [] {
    std::array<std::array<std::string, 2>, kWorklistParts> s;
    for (int p = 0; p < kWorklistParts; ++p)
      for (int c = 0; c < 2; ++c) s[p][c] = rows_sql(kParts[p].where, c ? kParts[p].after : "", kParts[p].order);
    return s;
  }();
  return read_worklist_parts(
      w,
      [&](int part, int limit, int offset, bool from_cursor) {
        return read_rows(c_.statement(sql[part][from_cursor].c_str()), w, limit, offset);
      },
      [&](int part, bool from_cursor) { return open_part_count(w, part, from_cursor); });
}

std::int64_t SqliteTransaction::open_part_count(const WorklistItemsQuery& w, int part, bool from_cursor) {
  // [part][from a cursor][filtered]
  static const auto sql = [] {
    std::array<std::array<std::array<std::string, 2>, 2>, kWorklistParts> s;
    for (int p = 0; p < kWorklistParts; ++p)
      for (int c = 0; c < 2; ++c)
        for (int f = 0; f < 2; ++f) s[p][c][f] = count_sql(kParts[p].where, c ? kParts[p].after : "", f);
    return s;
  }();
  return read_count(c_.statement(sql[part][from_cursor][filtered(w)].c_str()), w);
}

std::int64_t SqliteTransaction::worklist_open_count(const WorklistItemsQuery& w) {
  static const std::string sql[2] = {up_to(count_sql(kOpen, "", false)), up_to(count_sql(kOpen, "", true))};
  return read_count_up_to(c_.statement(sql[filtered(w)].c_str()), w);
}

std::vector<WorklistOpenItemRow> SqliteTransaction::worklist_window_closed(const WorklistItemsQuery& w) {
  // The latest closed first: the index read backwards by the day the window closed.
  static const std::string sql = rows_sql(kWindowClosed, "", "ORDER BY s.window_end DESC, s.episode_id, s.item_id ");
  return read_rows(c_.statement(sql.c_str()), w, w.limit, w.offset);
}

std::int64_t SqliteTransaction::worklist_window_closed_count(const WorklistItemsQuery& w) {
  static const std::string sql[2] = {up_to(count_sql(kWindowClosed, "", false)),
                                     up_to(count_sql(kWindowClosed, "", true))};
  return read_count_up_to(c_.statement(sql[filtered(w)].c_str()), w);
}

std::vector<WorklistOpenItemRow> SqliteTransaction::worklist_holds(const WorklistItemsQuery& w) {
  static const std::string sql = rows_sql(kHoldDays, "", "ORDER BY s.start_date, s.episode_id, s.item_id ", kHolds);
  return read_rows(c_.statement(sql.c_str()), w, w.limit, w.offset);
}

std::int64_t SqliteTransaction::worklist_holds_count(const WorklistItemsQuery& w) {
  static const std::string sql[2] = {count_sql(kHoldDays, "", false, kHolds), count_sql(kHoldDays, "", true, kHolds)};
  return read_count(c_.statement(sql[filtered(w)].c_str()), w);
}

std::vector<WorklistClosedRow> SqliteTransaction::worklist_closed_missed(const WorklistItemsQuery& w) {
  // The latest decision on each missed item, when it was a closing one (?5, ?6 unused).
  static const std::string query =
      std::string(kColumns) + ", c.id, c.episode_id, c.item_id, c.action, c.reason, c.note, c.actor, c.role, c.at " +
      kJoin +
      "JOIN schedule_closures c ON c.id = (SELECT MAX(x.id) FROM schedule_closures x "
      "WHERE x.episode_id = s.episode_id AND x.item_id = s.item_id) " +
      kWhere + kFilters + kMissed +
      "AND c.action = 'closed' AND ?5 = ?5 AND ?6 = ?6 ORDER BY c.id DESC LIMIT ?7 OFFSET ?8";
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
