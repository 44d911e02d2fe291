// Accounts, sessions, single-purpose tokens and idempotency keys on SQLite.
#include <sqlite3.h>

#include "base/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

void bind_opt_id(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
  if (v) {
    q.bind(i, static_cast<int64_t>(*v));
  } else {
    q.bind(i);
  }
}
std::optional<std::int64_t> opt_id(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}
std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

constexpr const char* kAccountColumns =
    "SELECT id, username, role, centre_id, password_hash, failed_logins, created_at, password_changed_at, disabled "
    "FROM accounts ";

AccountRow read_account(SQLite::Statement& q) {
  AccountRow a;
  a.id = q.getColumn(0).getInt64();
  a.username = q.getColumn(1).getString();
  a.role = q.getColumn(2).getString();
  a.centre_id = q.getColumn(3).getString();
  a.password_hash = q.getColumn(4).getString();
  a.failed_logins = q.getColumn(5).getInt();
  a.created_at = q.getColumn(6).getString();
  a.password_changed_at = q.getColumn(7).getString();
  a.disabled = q.getColumn(8).getInt() != 0;
  return a;
}

constexpr const char* kTokenColumns =
    "SELECT token_hash, purpose, patient_id, episode_id, instrument, item_id, created_at, expires_at, used_at, "
    "attempts FROM access_tokens ";

AccessTokenRow read_token(SQLite::Statement& q) {
  AccessTokenRow t;
  t.token_hash = q.getColumn(0).getString();
  t.purpose = q.getColumn(1).getString();
  t.patient_id = q.getColumn(2).getInt64();
  t.episode_id = opt_id(q.getColumn(3));
  t.instrument = q.getColumn(4).getString();
  t.item_id = q.getColumn(5).getString();
  t.created_at = q.getColumn(6).getString();
  t.expires_at = q.getColumn(7).getString();
  t.used_at = text_or_empty(q.getColumn(8));
  t.attempts = q.getColumn(9).getInt();
  return t;
}

}  // namespace

std::int64_t SqliteTransaction::insert_account(const AccountRow& a) {
  auto& q = c_.statement(
      "INSERT INTO accounts (username, role, centre_id, password_hash, failed_logins, created_at, "
      "password_changed_at) VALUES (?,?,?,?,0,?,?)");
  q.bind(1, a.username);
  q.bind(2, a.role);
  q.bind(3, a.centre_id);
  q.bind(4, a.password_hash);
  q.bind(5, a.created_at);
  q.bind(6, a.password_changed_at);
  try {
    q.exec();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) throw ConflictError("username", "username_taken"_err);
    throw;
  }
  return c_.db().getLastInsertRowid();
}

std::optional<AccountRow> SqliteTransaction::find_account(std::int64_t id) {
  static const std::string sql = std::string(kAccountColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_account(q);
}

std::optional<AccountRow> SqliteTransaction::find_account_by_username(const std::string& username) {
  static const std::string sql = std::string(kAccountColumns) + "WHERE username = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, username);
  if (!q.executeStep()) return std::nullopt;
  return read_account(q);
}

std::vector<AccountRow> SqliteTransaction::list_accounts(const std::optional<std::string>& centre_id) {
  static const std::string sql = std::string(kAccountColumns) + "WHERE (?1 IS NULL OR centre_id = ?1) ORDER BY id";
  auto& q = c_.statement(sql.c_str());
  if (centre_id) {
    q.bind(1, *centre_id);
  } else {
    q.bind(1);
  }
  std::vector<AccountRow> out;
  while (q.executeStep()) out.push_back(read_account(q));
  return out;
}

void SqliteTransaction::update_account(const AccountRow& a) {
  auto& q = c_.statement(
      "UPDATE accounts SET password_hash = ?, failed_logins = ?, password_changed_at = ?, role = ?, disabled = ? "
      "WHERE id = ?");
  q.bind(1, a.password_hash);
  q.bind(2, a.failed_logins);
  q.bind(3, a.password_changed_at);
  q.bind(4, a.role);
  q.bind(5, a.disabled ? 1 : 0);
  q.bind(6, static_cast<int64_t>(a.id));
  q.exec();
}

void SqliteTransaction::count_failed_login(const std::string& username) {
  auto& q = c_.statement("UPDATE accounts SET failed_logins = failed_logins + 1 WHERE username = ?");
  q.bind(1, username);
  q.exec();
}

void SqliteTransaction::insert_session(const SessionRow& s) {
  auto& q = c_.statement(
      "INSERT INTO sessions (token_hash, kind, account_id, patient_id, csrf, created_at, expires_at) "
      "VALUES (?,?,?,?,?,?,?)");
  q.bind(1, s.token_hash);
  q.bind(2, s.kind);
  bind_opt_id(q, 3, s.account_id);
  bind_opt_id(q, 4, s.patient_id);
  q.bind(5, s.csrf);
  q.bind(6, s.created_at);
  q.bind(7, s.expires_at);
  q.exec();
}

std::optional<SessionRow> SqliteTransaction::find_session(const std::string& token_hash) {
  auto& q = c_.statement(
      "SELECT token_hash, kind, account_id, patient_id, csrf, created_at, expires_at FROM sessions "
      "WHERE token_hash = ?");
  q.bind(1, token_hash);
  if (!q.executeStep()) return std::nullopt;
  SessionRow s;
  s.token_hash = q.getColumn(0).getString();
  s.kind = q.getColumn(1).getString();
  s.account_id = opt_id(q.getColumn(2));
  s.patient_id = opt_id(q.getColumn(3));
  s.csrf = q.getColumn(4).getString();
  s.created_at = q.getColumn(5).getString();
  s.expires_at = q.getColumn(6).getString();
  return s;
}

void SqliteTransaction::delete_session(const std::string& token_hash) {
  auto& q = c_.statement("DELETE FROM sessions WHERE token_hash = ?");
  q.bind(1, token_hash);
  q.exec();
}

void SqliteTransaction::delete_sessions_of_account(std::int64_t account_id) {
  auto& q = c_.statement("DELETE FROM sessions WHERE account_id = ?");
  q.bind(1, static_cast<int64_t>(account_id));
  q.exec();
}

void SqliteTransaction::insert_access_token(const AccessTokenRow& t) {
  auto& q = c_.statement(
      "INSERT INTO access_tokens (token_hash, purpose, patient_id, episode_id, instrument, item_id, created_at, "
      "expires_at, used_at, attempts) VALUES (?,?,?,?,?,?,?,?,NULL,0)");
  q.bind(1, t.token_hash);
  q.bind(2, t.purpose);
  q.bind(3, static_cast<int64_t>(t.patient_id));
  bind_opt_id(q, 4, t.episode_id);
  q.bind(5, t.instrument);
  q.bind(6, t.item_id);
  q.bind(7, t.created_at);
  q.bind(8, t.expires_at);
  q.exec();
}

std::optional<AccessTokenRow> SqliteTransaction::find_access_token(const std::string& token_hash) {
  static const std::string sql = std::string(kTokenColumns) + "WHERE token_hash = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, token_hash);
  if (!q.executeStep()) return std::nullopt;
  return read_token(q);
}

void SqliteTransaction::update_access_token(const AccessTokenRow& t) {
  auto& q = c_.statement("UPDATE access_tokens SET used_at = ?, attempts = ? WHERE token_hash = ?");
  if (t.used_at.empty()) {
    q.bind(1);
  } else {
    q.bind(1, t.used_at);
  }
  q.bind(2, t.attempts);
  q.bind(3, t.token_hash);
  q.exec();
}

std::optional<IdempotencyRow> SqliteTransaction::find_idempotency(const std::string& actor, const std::string& key) {
  auto& q = c_.statement(
      "SELECT actor, key, route, status, response, created_at FROM idempotency_keys WHERE actor = ? AND key = ?");
  q.bind(1, actor);
  q.bind(2, key);
  if (!q.executeStep()) return std::nullopt;
  return IdempotencyRow{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                        q.getColumn(3).getInt(),    q.getColumn(4).getString(), q.getColumn(5).getString()};
}

void SqliteTransaction::insert_idempotency(const IdempotencyRow& r) {
  auto& q = c_.statement(
      "INSERT INTO idempotency_keys (actor, key, route, status, response, created_at) VALUES (?,?,?,?,?,?) "
      "ON CONFLICT (actor, key) DO NOTHING");
  q.bind(1, r.actor);
  q.bind(2, r.key);
  q.bind(3, r.route);
  q.bind(4, r.status);
  q.bind(5, r.response);
  q.bind(6, r.created_at);
  q.exec();
}

}  // namespace rp::store::sqlite
