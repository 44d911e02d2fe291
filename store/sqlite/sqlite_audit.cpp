// The audit log on SQLite: appending to the hash chain (with the content of the records
// the transaction wrote), reading it back, and the rows about one patient.
#include "store/audit_chain.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor, role, centre_id, action, entity, entity_id, detail, prev_hash, hash, content, shown "
    "FROM audit_log ";

AuditRow read_audit_row(SQLite::Statement& q) {
  AuditRow r;
  r.seq = q.getColumn(0).getInt64();
  r.at = q.getColumn(1).getString();
  r.actor = q.getColumn(2).getString();
  r.role = q.getColumn(3).getString();
  r.centre_id = q.getColumn(4).getString();
  r.action = q.getColumn(5).getString();
  r.entity = q.getColumn(6).getString();
  r.entity_id = q.getColumn(7).getString();
  r.detail = q.getColumn(8).getString();
  r.prev_hash = q.getColumn(9).getString();
  r.hash = q.getColumn(10).getString();
  r.content = q.getColumn(11).getString();
  r.shown = q.getColumn(12).getString();
  return r;
}

}  // namespace

void SqliteTransaction::append_audit(const AuditEntry& e) { append_audits({e}); }

void SqliteTransaction::append_audits(const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  // The chain's tip, read once: within this transaction nobody else appends.
  auto& last = c_.statement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 0;
  std::string prev = kAuditGenesis;
  if (last.executeStep()) {
    seq = last.getColumn(0).getInt64();
    prev = last.getColumn(1).getString();
  }
  last.reset();
  // What the transaction wrote before these rows; nothing changes between them, so the
  // first row carries it all.
  std::string content = take_changed_content();
  auto& q = c_.statement(
      "INSERT INTO audit_log (seq, at, actor, role, centre_id, action, entity, entity_id, detail, prev_hash, hash, "
      "content, shown) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const AuditEntry& e : entries) {
    ++seq;
    std::string hash = audit_hash(prev, seq, e, content);
    q.bind(1, static_cast<int64_t>(seq));
    int i = 2;
    for (const std::string* f :
         {&e.at, &e.actor, &e.role, &e.centre_id, &e.action, &e.entity, &e.entity_id, &e.detail}) {
      q.bindNoCopy(i++, *f);
    }
    q.bindNoCopy(10, prev);
    q.bindNoCopy(11, hash);
    q.bindNoCopy(12, content);
    q.bindNoCopy(13, e.shown);
    q.exec();
    q.reset();
    ++c_.audit_rows_appended;
    prev = std::move(hash);
    content.clear();
  }
}

std::vector<AuditRow> SqliteTransaction::audit_rows(std::int64_t after_seq, int limit) {
  static const std::string sql = std::string(kAuditColumns) + "WHERE seq > ? ORDER BY seq LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(after_seq));
  q.bind(2, limit);
  std::vector<AuditRow> out;
  while (q.executeStep()) out.push_back(read_audit_row(q));
  return out;
}

std::optional<AuditRow> SqliteTransaction::last_audit_row() {
  static const std::string sql = std::string(kAuditColumns) + "ORDER BY seq DESC LIMIT 1";
  auto& q = c_.statement(sql.c_str());
  if (!q.executeStep()) return std::nullopt;
  return read_audit_row(q);
}

std::vector<AuditRow> SqliteTransaction::audit_rows_about_patient(std::int64_t patient_id) {
  // One pass over the log: an investigation's query, not a clinic's, so no index is kept
  // for it on the path every read's row takes. The episodes and events are those of the
  // patient now (an episode never changes patient).
  static const std::string sql =
      std::string(kAuditColumns) +
      "WHERE (entity = 'patient' AND entity_id = CAST(?1 AS TEXT))"
      " OR (entity = 'episode' AND entity_id IN (SELECT CAST(id AS TEXT) FROM episodes WHERE patient_id = ?1))"
      " OR (entity = 'adverse_event' AND entity_id IN (SELECT CAST(a.id AS TEXT) FROM adverse_events a"
      "     JOIN episodes e ON e.id = a.episode_id WHERE e.patient_id = ?1))"
      " OR (shown <> '' AND ',' || shown || ',' LIKE '%,' || ?1 || ',%')"
      " ORDER BY seq";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(patient_id));
  std::vector<AuditRow> out;
  while (q.executeStep()) out.push_back(read_audit_row(q));
  return out;
}

std::vector<AuditRow> SqliteTransaction::audit_search(const AuditQuery& q) {
  // One fixed statement: a filter not given binds NULL (or '') and is skipped. Newest
  // first along the primary key, so a page is read from the log's end and stops at the
  // limit; the patient condition is audit_rows_about_patient's.
  static const std::string sql =
      std::string(kAuditColumns) +
      "WHERE (?1 IS NULL OR centre_id = ?1)"
      " AND (?2 = '' OR actor = ?2)"
      " AND (?3 = '' OR at >= ?3)"
      " AND (?4 = '' OR at < ?4)"
      " AND (?5 IS NULL OR seq < ?5)"
      " AND (?6 IS NULL"
      "  OR (entity = 'patient' AND entity_id = CAST(?6 AS TEXT))"
      "  OR (entity = 'episode' AND entity_id IN (SELECT CAST(id AS TEXT) FROM episodes WHERE patient_id = ?6))"
      "  OR (entity = 'adverse_event' AND entity_id IN (SELECT CAST(a.id AS TEXT) FROM adverse_events a"
      "      JOIN episodes e ON e.id = a.episode_id WHERE e.patient_id = ?6))"
      "  OR (shown <> '' AND ',' || shown || ',' LIKE '%,' || ?6 || ',%'))"
      " ORDER BY seq DESC LIMIT ?7";
  auto& s = c_.statement(sql.c_str());
  if (q.centre_id)
    s.bind(1, *q.centre_id);
  else
    s.bind(1);
  s.bind(2, q.actor);
  s.bind(3, q.from);
  s.bind(4, q.to);
  if (q.before_seq)
    s.bind(5, static_cast<int64_t>(*q.before_seq));
  else
    s.bind(5);
  if (q.patient_id)
    s.bind(6, static_cast<int64_t>(*q.patient_id));
  else
    s.bind(6);
  s.bind(7, q.limit);
  std::vector<AuditRow> out;
  while (s.executeStep()) out.push_back(read_audit_row(s));
  return out;
}

}  // namespace rp::store::sqlite
