// The audit log on PostgreSQL: appending to the hash chain (with the content of the
// records the transaction wrote), reading it back, and the rows about one patient. The
// chain hashes exactly as on SQLite (store/audit_chain.hpp): the same rows give the same
// hashes on either engine.
#include "store/audit_chain.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor, role, centre_id, action, entity, entity_id, detail, prev_hash, hash, content, shown "
    "FROM audit_log ";

AuditRow read_audit_row(const Result& r, int i) {
  AuditRow a;
  a.seq = r.int64(i, 0);
  std::string* fields[] = {&a.at,        &a.actor,  &a.role,      &a.centre_id, &a.action,  &a.entity,
                           &a.entity_id, &a.detail, &a.prev_hash, &a.hash,      &a.content, &a.shown};
  int col = 1;
  for (std::string* f : fields) *f = r.text(i, col++);
  return a;
}

std::vector<AuditRow> read_audit_rows(const Result& r) {
  std::vector<AuditRow> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_audit_row(r, i));
  return out;
}

// Rows naming the patient ($1), one of their episodes or adverse events, or showing them.
constexpr const char* kAboutPatient =
    "((entity = 'patient' AND entity_id = $1::bigint::text)"
    " OR (entity = 'episode' AND entity_id IN (SELECT id::text FROM episodes WHERE patient_id = $1::bigint))"
    " OR (entity = 'adverse_event' AND entity_id IN (SELECT a.id::text FROM adverse_events a"
    "     JOIN episodes e ON e.id = a.episode_id WHERE e.patient_id = $1::bigint))"
    " OR (shown <> '' AND strpos(',' || shown || ',', ',' || $1::bigint::text || ',') > 0))";

}  // namespace

void PgTransaction::append_audit(const AuditEntry& e) { append_audits({e}); }

void PgTransaction::append_audits(const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  // Appends are serialized across every server: the writer lock (PgStore::write) is held
  // already; taking it again here costs nothing and keeps the chain single even for a
  // caller that reached this transaction another way. Under READ COMMITTED the head read
  // after the lock is the latest committed one.
  c_.exec("SELECT pg_advisory_xact_lock(1920103284, 1)");
  auto last = c_.exec("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  std::int64_t seq = 0;
  std::string prev = kAuditGenesis;
  if (last.rows() > 0) {
    seq = last.int64(0, 0);
    prev = last.text(0, 1);
  }
  // What the transaction wrote before these rows; nothing changes between them, so the
  // first row carries it all.
  std::string content = take_changed_content();
  for (const AuditEntry& e : entries) {
    ++seq;
    std::string hash = audit_hash(prev, seq, e, content);
    c_.exec(
        "INSERT INTO audit_log (seq, at, actor, role, centre_id, action, entity, entity_id, detail, prev_hash, hash, "
        "content, shown) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
        Params()
            .integer(seq)
            .text(e.at)
            .text(e.actor)
            .text(e.role)
            .text(e.centre_id)
            .text(e.action)
            .text(e.entity)
            .text(e.entity_id)
            .text(e.detail)
            .text(prev)
            .text(hash)
            .text(content)
            .text(e.shown));
    prev = std::move(hash);
    content.clear();
  }
}

std::vector<AuditRow> PgTransaction::audit_rows(std::int64_t after_seq, int limit) {
  static const std::string sql = std::string(kAuditColumns) + "WHERE seq > $1 ORDER BY seq LIMIT $2";
  return read_audit_rows(c_.exec(sql, Params().integer(after_seq).integer(limit)));
}

std::optional<AuditRow> PgTransaction::last_audit_row() {
  static const std::string sql = std::string(kAuditColumns) + "ORDER BY seq DESC LIMIT 1";
  auto r = c_.exec(sql);
  if (r.rows() == 0) return std::nullopt;
  return read_audit_row(r, 0);
}

std::vector<AuditRow> PgTransaction::audit_rows_about_patient(std::int64_t patient_id) {
  static const std::string sql = std::string(kAuditColumns) + "WHERE " + kAboutPatient + " ORDER BY seq";
  return read_audit_rows(c_.exec(sql, Params().integer(patient_id)));
}

std::vector<AuditRow> PgTransaction::audit_search(const AuditQuery& q) {
  // One fixed statement, as on SQLite: a filter not given binds NULL (or '') and is skipped.
  static const std::string sql = [] {
    std::string about = kAboutPatient;
    for (std::size_t at; (at = about.find("$1")) != std::string::npos;) about.replace(at, 2, "$6");
    return std::string(kAuditColumns) +
           "WHERE ($1::text IS NULL OR centre_id = $1)"
           " AND ($2::text = '' OR actor = $2)"
           " AND ($3::text = '' OR at >= $3)"
           " AND ($4::text = '' OR at < $4)"
           " AND ($5::bigint IS NULL OR seq < $5)"
           " AND ($6::bigint IS NULL OR " +
           about + ") ORDER BY seq DESC LIMIT $7";
  }();
  return read_audit_rows(c_.exec(sql, Params()
                                          .opt_text(q.centre_id)
                                          .text(q.actor)
                                          .text(q.from)
                                          .text(q.to)
                                          .opt_integer(q.before_seq)
                                          .opt_integer(q.patient_id)
                                          .integer(q.limit)));
}

}  // namespace rp::store::postgres
