// The staff worklist on SQLite. Plain SQL that PostgreSQL runs unchanged: dates are ISO
// text compared as text, no engine functions. Drug holds are read, a page at a time, as the
// other worklist items are (sqlite_worklist_items.cpp): by their worklist_centre, through
// its index by start date.
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// The first eight columns of every worklist query: the patient and the episode.
constexpr const char* kWho = "SELECT p.id, p.mrn, p.name_fa, p.name_latin, e.id, e.side, e.state, e.protocol_id";

// The lab's products of centre ?1 not yet released, through products_by_centre_state.
constexpr const char* kLabProducts =
    "FROM products pr JOIN episodes e ON e.id = pr.episode_id JOIN patients p ON p.id = pr.patient_id "
    "WHERE pr.centre_id = ? AND pr.state IN ('received', 'processing', 'qc_pending', 'awaiting_release', "
    "'quarantined')";

// Refused bedside checks since ?1 of centre ?2's products, the latest first, at most ?3:
// 0023's partial index holds only the refusals, so the read never walks the custody chain.
constexpr const char* kRefusals =
    ", pr.din, ev.at, ev.actor, ev.location, ev.verified, ev.detail "
    "FROM product_events ev JOIN products pr ON pr.id = ev.product_id JOIN episodes e ON e.id = pr.episode_id "
    "JOIN patients p ON p.id = pr.patient_id "
    "WHERE ev.kind = 'bedside_check' AND ev.detail <> 'ok' AND ev.at > ? AND pr.centre_id = ? "
    "ORDER BY ev.at DESC, ev.id DESC LIMIT ?";

// Centre ?1's products with a QC result pending, at most ?2, through 0027's partial index
// (its predicate is this query's, word for word, so that SQLite sees the one imply the other).
constexpr const char* kQcPending =
    ", pr.din, pr.state, pr.sterility, pr.sterility_due, pr.endotoxin, pr.endotoxin_due, pr.mycoplasma, "
    "pr.mycoplasma_due FROM products pr JOIN episodes e ON e.id = pr.episode_id JOIN patients p ON p.id = "
    "pr.patient_id "
    "WHERE pr.centre_id = ? AND (sterility = 'pending' OR endotoxin = 'pending' OR mycoplasma = 'pending') "
    "AND pr.state NOT IN ('discarded', 'expired') ORDER BY pr.id LIMIT ?";

WorklistPatient read_who(SQLite::Statement& q) {
  WorklistPatient w;
  w.patient_id = q.getColumn(0).getInt64();
  w.mrn = q.getColumn(1).getString();
  w.name_fa = q.getColumn(2).getString();
  w.name_latin = q.getColumn(3).getString();
  w.episode_id = q.getColumn(4).getInt64();
  w.side = parse_side(q.getColumn(5).getString());
  w.state = parse_episode_state(q.getColumn(6).getString());
  w.protocol_id = q.getColumn(7).getString();
  return w;
}

}  // namespace

std::vector<WorklistRedFlagRow> SqliteTransaction::worklist_red_flags(const std::string& centre_id) {
  static const std::string sql =
      std::string(kWho) +
      ", a.id, a.category, a.severity, a.description, a.onset_date, a.reported_by, a.reported_at, a.status, "
      "a.acknowledged_by, a.acknowledged_at, a.acknowledged_role, COALESCE(a.ack_action, ''), a.ack_note, p.mobile "
      "FROM adverse_events a JOIN episodes e ON e.id = a.episode_id JOIN patients p ON p.id = e.patient_id "
      "WHERE a.centre_id = ? AND a.kind = 'red_flag' AND a.status IN ('open', 'acknowledged') AND a.triage IS NULL "
      "ORDER BY a.status = 'acknowledged', a.reported_at DESC, a.id DESC";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  std::vector<WorklistRedFlagRow> out;
  while (q.executeStep()) {
    WorklistRedFlagRow r{read_who(q), {}, q.getColumn(21).getString()};
    AdverseEventRow& a = r.event;
    a.id = q.getColumn(8).getInt64();
    a.episode_id = r.who.episode_id;
    a.centre_id = centre_id;
    a.kind = "red_flag";
    a.category = q.getColumn(9).getString();
    a.severity = q.getColumn(10).getString();
    a.description = q.getColumn(11).getString();
    a.onset_date = q.getColumn(12).getString();
    a.reported_by = q.getColumn(13).getString();
    a.reported_at = q.getColumn(14).getString();
    a.status = q.getColumn(15).getString();
    a.acknowledged_by = q.getColumn(16).getString();
    a.acknowledged_at = q.getColumn(17).getString();
    a.acknowledged_role = q.getColumn(18).getString();
    a.ack_action = q.getColumn(19).getString();
    a.ack_note = q.getColumn(20).getString();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<WorklistProductRow> SqliteTransaction::worklist_awaiting_release(const std::string& centre_id, int limit) {
  static const std::string sql = std::string(kWho) +
                                 ", e.harvest_date, pr.din, pr.state, COALESCE(pr.expires_at, '') " + kLabProducts +
                                 " ORDER BY COALESCE(pr.expires_at, '') = '', pr.expires_at, pr.id LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  q.bind(2, limit);
  std::vector<WorklistProductRow> out;
  while (q.executeStep())
    out.push_back({read_who(q), opt_date(q.getColumn(8)), q.getColumn(9).getString(), q.getColumn(10).getString(),
                   q.getColumn(11).getString()});
  return out;
}

std::vector<WorklistQcPendingRow> SqliteTransaction::worklist_qc_pending(const std::string& centre_id, int limit) {
  static const std::string sql = std::string(kWho) + kQcPending;
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  q.bind(2, limit);
  std::vector<WorklistQcPendingRow> out;
  const auto test = [&](int col) {
    product::QcTest t;
    t.result = product::parse_qc_result(q.getColumn(col).getString(), "qc");
    t.due = opt_date(q.getColumn(col + 1));
    return t;
  };
  while (q.executeStep())
    out.push_back({read_who(q), q.getColumn(8).getString(), q.getColumn(9).getString(), test(10), test(12), test(14)});
  return out;
}

std::vector<WorklistRefusalRow> SqliteTransaction::worklist_bedside_refusals(const std::string& centre_id,
                                                                             const std::string& since, int limit) {
  static const std::string sql = std::string(kWho) + kRefusals;
  auto& q = c_.statement(sql.c_str());
  q.bind(1, since);
  q.bind(2, centre_id);
  q.bind(3, limit);
  std::vector<WorklistRefusalRow> out;
  while (q.executeStep())
    out.push_back({read_who(q), q.getColumn(8).getString(), q.getColumn(9).getString(), q.getColumn(10).getString(),
                   q.getColumn(11).getString(), q.getColumn(12).getString(), q.getColumn(13).getString()});
  return out;
}

std::vector<WorklistCodeGuessRow> SqliteTransaction::worklist_code_guesses(const std::string& centre_id,
                                                                           const std::string& since, int min_wrong) {
  auto& q = c_.statement(
      "SELECT p.id, p.mrn, p.name_fa, p.name_latin, COUNT(*), MAX(c.at) "
      // The wrong codes of the window first (code_events_by_time), then their patients by
      // mobile: never the centre's every patient, as SQLite would choose by the centre's
      // index if let (CROSS JOIN keeps the order on SQLite; PostgreSQL plans it alike).
      "FROM code_events c CROSS JOIN patients p "
      "WHERE p.mobile = c.mobile AND c.kind = 'wrong' AND c.at > ? AND p.centre_id = ? "
      "GROUP BY p.id, p.mrn, p.name_fa, p.name_latin HAVING COUNT(*) >= ? ORDER BY MAX(c.at) DESC, p.id");
  q.bind(1, since);
  q.bind(2, centre_id);
  q.bind(3, min_wrong);
  std::vector<WorklistCodeGuessRow> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getInt(), q.getColumn(5).getString()});
  }
  return out;
}

}  // namespace rp::store::sqlite
