// The staff worklist on PostgreSQL: holds, red flags, products awaiting release, code
// guesses, and the schedule items of the day (the SQLite adapter's statements with $n
// parameters, strpos for instr, and typed parameters where nothing else names a type).
#include <array>

#include "store/postgres/pg_store.hpp"
#include "store/search_names.hpp"
#include "store/worklist_parts.hpp"

namespace rp::store::postgres {
namespace {

// The first eight columns of every worklist query: the patient and the episode.
constexpr const char* kWho = "SELECT p.id, p.mrn, p.name_fa, p.name_latin, e.id, e.side, e.state, e.protocol_id";

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
// how it is matched), $4 items kept, $5 today, $6 upcoming until; the items read as the
// SQLite adapter reads them (by worklist_centre, part by part, store/worklist_parts.hpp),
// $7-$10 a cursor's window end, start, episode and item (the smallest row when there is
// none), $11, $12 a page's limit and offset, or $11 how many rows a count reads at most.
constexpr const char* kJoin =
    "FROM episodes e JOIN patients p ON p.id = e.patient_id JOIN schedule_items s ON s.episode_id = e.id ";
constexpr const char* kWhere =
    "WHERE e.centre_id = $1::text AND e.state NOT IN ('completed', 'converted_to_thr', 'withdrawn', "
    "'lost_to_follow_up', 'ineligible') "
    "AND s.kind IN ('visit', 'imaging', 'questionnaire', 'order') "
    "AND ($2::text = '' OR s.kind = $2) ";
constexpr const char* kFilters =
    "AND ($3::text = '' OR strpos(p.search_names, $3) > 0 OR strpos(lower(p.mrn), $3) > 0) "
    "AND ($4::text = '' OR strpos($4, ',' || e.protocol_id || '/' || s.item_id || ',') > 0) ";
constexpr const char* kMissed = "AND s.status = 'missed' ";

constexpr const char* kOnWorklist =
    "WHERE s.worklist_centre = $1::text AND s.kind <> 'hold' AND ($2::text = '' OR s.kind = $2) ";
constexpr const char* kUnfiltered = "AND $3::text = '' AND $4::text = '' ";
// The centre's drug holds starting from today to the lookahead's end ($5, $6), by start.
constexpr const char* kHolds = "WHERE s.worklist_centre = $1::text AND s.kind = 'hold' AND $2::text = $2 ";
constexpr const char* kHoldDays =
    "AND s.start_date >= $5::text AND s.start_date <= $6::text AND $7::text = $7 AND $8::text = $8 "
    "AND $9::bigint = $9 AND $10::text = $10 ";
constexpr const char* kItemsFirst =
    "FROM schedule_items s JOIN episodes e ON e.id = s.episode_id JOIN patients p ON p.id = e.patient_id ";

// Each part names $5-$10, whether it uses them or not (the cursor compares what its order
// holds).
struct Part {
  const char* where;
  const char* order;
};
constexpr Part kParts[kWorklistParts] = {
    {"AND s.start_date = $5::text AND s.window_end >= $5 AND $6::text = $6 AND $7::text = $7 AND $8::text = $8 "
     "AND (s.episode_id, s.item_id) > ($9::bigint, $10::text) ",
     "ORDER BY s.episode_id, s.item_id "},
    {"AND s.window_end >= $5::text AND s.start_date < $5 AND $6::text = $6 "
     "AND (s.window_end, s.start_date, s.episode_id, s.item_id) > ($7::text, $8::text, $9::bigint, $10::text) ",
     "ORDER BY s.window_end, s.start_date, s.episode_id, s.item_id "},
    {"AND s.start_date > $5::text AND s.window_end >= $5 AND (s.window_start <= $5 OR s.start_date <= $6::text) "
     "AND $7::text = $7 "
     "AND (s.start_date, s.episode_id, s.item_id) > ($8::text, $9::bigint, $10::text) ",
     "ORDER BY s.start_date, s.episode_id, s.item_id "},
};
// The three parts together, counted in one range of the index by window end.
constexpr const char* kOpen =
    "AND s.window_end >= $5::text AND (s.window_start <= $5 OR s.start_date <= $6::text) AND $7::text = $7 "
    "AND $8::text = $8 AND $9::bigint = $9 AND $10::text = $10 ";
constexpr const char* kWindowClosed =
    "AND s.window_end < $5::text AND $6::text = $6 AND $7::text = $7 AND $8::text = $8 AND $9::bigint = $9 "
    "AND $10::text = $10 ";

// The query's parameters, with the cursor's (or, where the part reads from its start,
// the smallest row's).
Params part_params(const WorklistItemsQuery& w, bool from_cursor) {
  Params p;
  p.text(w.centre_id).text(w.kind).text(search_folded(w.patient)).text(w.items).date(w.today).date(w.upcoming_until);
  if (from_cursor && w.after)
    p.date(w.after->window_end).date(w.after->start).integer(w.after->episode_id).text(w.after->item_id);
  else
    p.text("").text("").integer(0).text("");
  return p;
}

bool filtered(const WorklistItemsQuery& w) { return !search_folded(w.patient).empty() || !w.items.empty(); }

std::string rows_sql(const char* part_where, const char* order, const char* on = kOnWorklist) {
  return std::string(kColumns) + kItemsFirst + on + kFilters + part_where + order + "LIMIT $11 OFFSET $12";
}

std::string count_sql(const char* part_where, bool with_filters, const char* on = kOnWorklist) {
  return with_filters ? std::string("SELECT COUNT(*) ") + kItemsFirst + on + kFilters + part_where
                      : std::string("SELECT COUNT(*) FROM schedule_items s ") + on + kUnfiltered + part_where;
}

// A count that stops at $11 rows (NULL: every row, as LIMIT ALL).
std::string up_to(const std::string& count) {
  const std::string head = "SELECT COUNT(*) FROM ";
  return head + "(SELECT 1 FROM " + count.substr(head.size()) + " LIMIT $11::bigint) counted";
}

Params count_params(const WorklistItemsQuery& w) {
  Params p = part_params(w, false);
  return w.count_up_to > 0 ? p.integer(w.count_up_to) : p.null();
}

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

std::vector<WorklistOpenItemRow> read_rows(Connection& c, const std::string& sql, Params params, int limit,
                                           int offset) {
  auto r = c.exec(sql, params.integer(limit).integer(offset));
  std::vector<WorklistOpenItemRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_row(r, i));
  return out;
}

}  // namespace

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

std::vector<WorklistProductRow> PgTransaction::worklist_awaiting_release(const std::string& centre_id, int limit) {
  // The SQLite adapter's statement (sqlite_worklist.cpp), with $n parameters.
  static const std::string sql =
      std::string(kWho) +
      ", e.harvest_date, pr.din, pr.state, COALESCE(pr.expires_at, '') "
      "FROM products pr JOIN episodes e ON e.id = pr.episode_id JOIN patients p ON p.id = pr.patient_id "
      "WHERE pr.centre_id = $1 AND pr.state IN ('received', 'processing', 'qc_pending', 'awaiting_release', "
      "'quarantined') ORDER BY COALESCE(pr.expires_at, '') = '', pr.expires_at, pr.id LIMIT $2";
  auto r = c_.exec(sql, Params().text(centre_id).integer(limit));
  std::vector<WorklistProductRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({read_who(r, i), r.opt_date(i, 8), r.text(i, 9), r.text(i, 10), r.text(i, 11)});
  return out;
}

std::vector<WorklistQcPendingRow> PgTransaction::worklist_qc_pending(const std::string& centre_id, int limit) {
  // The SQLite adapter's statement, through the same partial index (0027).
  static const std::string sql =
      std::string(kWho) +
      ", pr.din, pr.state, pr.sterility, pr.sterility_due, pr.endotoxin, pr.endotoxin_due, pr.mycoplasma, "
      "pr.mycoplasma_due FROM products pr JOIN episodes e ON e.id = pr.episode_id JOIN patients p ON p.id = "
      "pr.patient_id "
      "WHERE pr.centre_id = $1 AND (sterility = 'pending' OR endotoxin = 'pending' OR mycoplasma = 'pending') "
      "AND pr.state NOT IN ('discarded', 'expired') ORDER BY pr.id LIMIT $2";
  auto r = c_.exec(sql, Params().text(centre_id).integer(limit));
  std::vector<WorklistQcPendingRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    const auto test = [&](int col) {
      product::QcTest t;
      t.result = product::parse_qc_result(r.text(i, col), "qc");
      t.due = r.opt_date(i, col + 1);
      return t;
    };
    out.push_back({read_who(r, i), r.text(i, 8), r.text(i, 9), test(10), test(12), test(14)});
  }
  return out;
}

std::vector<WorklistRefusalRow> PgTransaction::worklist_bedside_refusals(const std::string& centre_id,
                                                                         const std::string& since, int limit) {
  static const std::string sql =
      std::string(kWho) +
      ", pr.din, ev.at, ev.actor, ev.location, ev.verified, ev.detail "
      "FROM product_events ev JOIN products pr ON pr.id = ev.product_id JOIN episodes e ON e.id = pr.episode_id "
      "JOIN patients p ON p.id = pr.patient_id "
      "WHERE ev.kind = 'bedside_check' AND ev.detail <> 'ok' AND ev.at > $1 AND pr.centre_id = $2 "
      "ORDER BY ev.at DESC, ev.id DESC LIMIT $3";
  auto r = c_.exec(sql, Params().text(since).text(centre_id).integer(limit));
  std::vector<WorklistRefusalRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(
        {read_who(r, i), r.text(i, 8), r.text(i, 9), r.text(i, 10), r.text(i, 11), r.text(i, 12), r.text(i, 13)});
  return out;
}

std::vector<WorklistCodeGuessRow> PgTransaction::worklist_code_guesses(const std::string& centre_id,
                                                                       const std::string& since, int min_wrong) {
  auto r = c_.exec(
      "SELECT p.id, p.mrn, p.name_fa, p.name_latin, COUNT(*), MAX(c.at) "
      // The SQLite adapter's statement: the window's wrong codes, then their patients by
      // mobile (PostgreSQL plans the CROSS JOIN as the join it is).
      "FROM code_events c CROSS JOIN patients p "
      "WHERE p.mobile = c.mobile AND c.kind = 'wrong' AND c.at > $1 AND p.centre_id = $2 "
      "GROUP BY p.id, p.mrn, p.name_fa, p.name_latin HAVING COUNT(*) >= $3 ORDER BY MAX(c.at) DESC, p.id",
      Params().text(since).text(centre_id).integer(min_wrong));
  std::vector<WorklistCodeGuessRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.int32(i, 4), r.text(i, 5)});
  return out;
}

std::vector<WorklistOpenItemRow> PgTransaction::worklist_open_items(const WorklistItemsQuery& w) {
  static const auto sql = [] {
    std::array<std::string, kWorklistParts> s;
    for (int p = 0; p < kWorklistParts; ++p) s[p] = rows_sql(kParts[p].where, kParts[p].order);
    return s;
  }();
  return read_worklist_parts(
      w,
      [&](int part, int limit, int offset, bool from_cursor) {
        return read_rows(c_, sql[part], part_params(w, from_cursor), limit, offset);
      },
      [&](int part, bool from_cursor) { return open_part_count(w, part, from_cursor); });
}

std::int64_t PgTransaction::open_part_count(const WorklistItemsQuery& w, int part, bool from_cursor) {
  // [part][filtered]
  static const auto sql = [] {
    std::array<std::array<std::string, 2>, kWorklistParts> s;
    for (int p = 0; p < kWorklistParts; ++p)
      for (int f = 0; f < 2; ++f) s[p][f] = count_sql(kParts[p].where, f);
    return s;
  }();
  return c_.exec(sql[part][filtered(w)], part_params(w, from_cursor)).int64(0, 0);
}

std::int64_t PgTransaction::worklist_open_count(const WorklistItemsQuery& w) {
  static const std::string sql[2] = {up_to(count_sql(kOpen, false)), up_to(count_sql(kOpen, true))};
  return c_.exec(sql[filtered(w)], count_params(w)).int64(0, 0);
}

std::vector<WorklistOpenItemRow> PgTransaction::worklist_window_closed(const WorklistItemsQuery& w) {
  static const std::string sql = rows_sql(kWindowClosed, "ORDER BY s.window_end DESC, s.episode_id, s.item_id ");
  return read_rows(c_, sql, part_params(w, false), w.limit, w.offset);
}

std::int64_t PgTransaction::worklist_window_closed_count(const WorklistItemsQuery& w) {
  static const std::string sql[2] = {up_to(count_sql(kWindowClosed, false)), up_to(count_sql(kWindowClosed, true))};
  return c_.exec(sql[filtered(w)], count_params(w)).int64(0, 0);
}

std::vector<WorklistOpenItemRow> PgTransaction::worklist_holds(const WorklistItemsQuery& w) {
  static const std::string sql = rows_sql(kHoldDays, "ORDER BY s.start_date, s.episode_id, s.item_id ", kHolds);
  return read_rows(c_, sql, part_params(w, false), w.limit, w.offset);
}

std::int64_t PgTransaction::worklist_holds_count(const WorklistItemsQuery& w) {
  static const std::string sql[2] = {count_sql(kHoldDays, false, kHolds), count_sql(kHoldDays, true, kHolds)};
  return c_.exec(sql[filtered(w)], part_params(w, false)).int64(0, 0);
}

std::vector<WorklistClosedRow> PgTransaction::worklist_closed_missed(const WorklistItemsQuery& w) {
  // The latest decision on each missed item, when it was a closing one ($5, $6 unused).
  static const std::string sql =
      std::string(kColumns) + ", c.id, c.episode_id, c.item_id, c.action, c.reason, c.note, c.actor, c.role, c.at " +
      kJoin +
      "JOIN schedule_closures c ON c.id = (SELECT MAX(x.id) FROM schedule_closures x "
      "WHERE x.episode_id = s.episode_id AND x.item_id = s.item_id) " +
      kWhere + kFilters + kMissed +
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
