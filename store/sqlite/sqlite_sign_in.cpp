// Sign-in delays, patients' one-time codes and the code budgets' events on SQLite
// (0009_sign_in_limits.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

void bind_text_or_null(SQLite::Statement& q, int i, const std::string& v) {
  if (v.empty()) {
    q.bind(i);
  } else {
    q.bind(i, v);
  }
}

constexpr const char* kCodeColumns =
    "SELECT mobile, code_hash, created_at, expires_at, used_at, wrong, choice_hash, choice_expires_at "
    "FROM login_codes ";

LoginCodeRow read_code(SQLite::Statement& q) {
  LoginCodeRow r;
  r.mobile = q.getColumn(0).getString();
  r.code_hash = q.getColumn(1).getString();
  r.created_at = q.getColumn(2).getString();
  r.expires_at = q.getColumn(3).getString();
  r.used_at = text_or_empty(q.getColumn(4));
  r.wrong = q.getColumn(5).getInt();
  r.choice_hash = text_or_empty(q.getColumn(6));
  r.choice_expires_at = text_or_empty(q.getColumn(7));
  return r;
}

}  // namespace

std::optional<SignInDelayRow> SqliteTransaction::find_sign_in_delay(const std::string& key) {
  auto& q = c_.statement("SELECT key, failures, last_failure_at, wait_until FROM sign_in_delays WHERE key = ?");
  q.bind(1, key);
  if (!q.executeStep()) return std::nullopt;
  return SignInDelayRow{q.getColumn(0).getString(), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                        q.getColumn(3).getString()};
}

void SqliteTransaction::put_sign_in_delay(const SignInDelayRow& r) {
  auto& q = c_.statement(
      "INSERT INTO sign_in_delays (key, failures, last_failure_at, wait_until) VALUES (?,?,?,?) "
      "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, "
      "wait_until = excluded.wait_until");
  q.bind(1, r.key);
  q.bind(2, r.failures);
  q.bind(3, r.last_failure_at);
  q.bind(4, r.wait_until);
  q.exec();
}

void SqliteTransaction::delete_sign_in_delay(const std::string& key) {
  auto& q = c_.statement("DELETE FROM sign_in_delays WHERE key = ?");
  q.bind(1, key);
  q.exec();
}

void SqliteTransaction::prune_sign_in_delays(const std::string& before) {
  auto& q = c_.statement("DELETE FROM sign_in_delays WHERE last_failure_at < ?");
  q.bind(1, before);
  q.exec();
}

std::optional<LoginCodeRow> SqliteTransaction::find_login_code(const std::string& mobile) {
  static const std::string sql = std::string(kCodeColumns) + "WHERE mobile = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, mobile);
  if (!q.executeStep()) return std::nullopt;
  return read_code(q);
}

std::optional<LoginCodeRow> SqliteTransaction::find_login_code_by_choice(const std::string& choice_hash) {
  static const std::string sql = std::string(kCodeColumns) + "WHERE choice_hash = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, choice_hash);
  if (!q.executeStep()) return std::nullopt;
  return read_code(q);
}

void SqliteTransaction::put_login_code(const LoginCodeRow& r) {
  auto& q = c_.statement(
      "INSERT INTO login_codes (mobile, code_hash, created_at, expires_at, used_at, wrong, choice_hash, "
      "choice_expires_at) VALUES (?,?,?,?,?,?,?,?) "
      "ON CONFLICT (mobile) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, "
      "expires_at = excluded.expires_at, used_at = excluded.used_at, wrong = excluded.wrong, "
      "choice_hash = excluded.choice_hash, choice_expires_at = excluded.choice_expires_at");
  q.bind(1, r.mobile);
  q.bind(2, r.code_hash);
  q.bind(3, r.created_at);
  q.bind(4, r.expires_at);
  bind_text_or_null(q, 5, r.used_at);
  q.bind(6, r.wrong);
  bind_text_or_null(q, 7, r.choice_hash);
  bind_text_or_null(q, 8, r.choice_expires_at);
  q.exec();
}

void SqliteTransaction::prune_login_codes(const std::string& before) {
  auto& q = c_.statement(
      "DELETE FROM login_codes WHERE expires_at < ?1 AND (choice_expires_at IS NULL OR choice_expires_at < ?1)");
  q.bind(1, before);
  q.exec();
}

void SqliteTransaction::insert_code_event(const CodeEventRow& e) {
  auto& q = c_.statement("INSERT INTO code_events (kind, mobile, address, at) VALUES (?,?,?,?)");
  q.bind(1, e.kind);
  q.bind(2, e.mobile);
  q.bind(3, e.address);
  q.bind(4, e.at);
  q.exec();
}

CodeEventCount SqliteTransaction::count_code_events(const CodeEventQuery& query) {
  // Rows within a window are few (the budgets bound them), so one statement serves all
  // three scopes.
  auto& q = c_.statement(
      "SELECT COUNT(*), MIN(at) FROM code_events WHERE kind = ?1 AND at > ?2 AND (?3 IS NULL OR mobile = ?3) "
      "AND (?4 IS NULL OR address = ?4)");
  q.bind(1, query.kind);
  q.bind(2, query.since);
  bind_text_or_null(q, 3, query.mobile.value_or(""));
  bind_text_or_null(q, 4, query.address.value_or(""));
  q.executeStep();
  return {q.getColumn(0).getInt(), text_or_empty(q.getColumn(1))};
}

void SqliteTransaction::prune_code_events(const std::string& before) {
  auto& q = c_.statement("DELETE FROM code_events WHERE at < ?");
  q.bind(1, before);
  q.exec();
}

}  // namespace rp::store::sqlite
