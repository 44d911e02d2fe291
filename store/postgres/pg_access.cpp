// Accounts, sessions, single-purpose tokens, idempotency keys, sign-in delays and
// patients' one-time codes on PostgreSQL (0002_accounts.sql, 0009_sign_in_limits.sql).
#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kAccountColumns =
    "SELECT id, username, role, centre_id, password_hash, failed_logins, created_at, password_changed_at, disabled "
    "FROM accounts ";

AccountRow read_account(const Result& r, int i) {
  AccountRow a;
  a.id = r.int64(i, 0);
  a.username = r.text(i, 1);
  a.role = r.text(i, 2);
  a.centre_id = r.text(i, 3);
  a.password_hash = r.text(i, 4);
  a.failed_logins = r.int32(i, 5);
  a.created_at = r.text(i, 6);
  a.password_changed_at = r.text(i, 7);
  a.disabled = r.int64(i, 8) != 0;
  return a;
}

constexpr const char* kTokenColumns =
    "SELECT token_hash, purpose, patient_id, episode_id, instrument, item_id, created_at, expires_at, used_at, "
    "attempts FROM access_tokens ";

AccessTokenRow read_token(const Result& r, int i) {
  AccessTokenRow t;
  t.token_hash = r.text(i, 0);
  t.purpose = r.text(i, 1);
  t.patient_id = r.int64(i, 2);
  t.episode_id = r.opt_int64(i, 3);
  t.instrument = r.text(i, 4);
  t.item_id = r.text(i, 5);
  t.created_at = r.text(i, 6);
  t.expires_at = r.text(i, 7);
  t.used_at = r.text_or_empty(i, 8);
  t.attempts = r.int32(i, 9);
  return t;
}

constexpr const char* kCodeColumns =
    "SELECT mobile, code_hash, created_at, expires_at, used_at, wrong, choice_hash, choice_expires_at "
    "FROM login_codes ";

LoginCodeRow read_code(const Result& r, int i) {
  LoginCodeRow c;
  c.mobile = r.text(i, 0);
  c.code_hash = r.text(i, 1);
  c.created_at = r.text(i, 2);
  c.expires_at = r.text(i, 3);
  c.used_at = r.text_or_empty(i, 4);
  c.wrong = r.int32(i, 5);
  c.choice_hash = r.text_or_empty(i, 6);
  c.choice_expires_at = r.text_or_empty(i, 7);
  return c;
}

}  // namespace

std::int64_t PgTransaction::insert_account(const AccountRow& a) {
  auto r = c_.exec(
      "INSERT INTO accounts (username, role, centre_id, password_hash, failed_logins, created_at, "
      "password_changed_at) VALUES ($1,$2,$3,$4,0,$5,$6) ON CONFLICT (username) DO NOTHING RETURNING id",
      Params()
          .text(a.username)
          .text(a.role)
          .text(a.centre_id)
          .text(a.password_hash)
          .text(a.created_at)
          .text(a.password_changed_at));
  if (r.rows() == 0) throw ConflictError("username", "username_taken"_err);
  return r.int64(0, 0);
}

std::optional<AccountRow> PgTransaction::find_account(std::int64_t id) {
  static const std::string sql = std::string(kAccountColumns) + "WHERE id = $1";
  auto r = c_.exec(sql, Params().integer(id));
  if (r.rows() == 0) return std::nullopt;
  return read_account(r, 0);
}

std::optional<AccountRow> PgTransaction::find_account_by_username(const std::string& username) {
  static const std::string sql = std::string(kAccountColumns) + "WHERE username = $1";
  auto r = c_.exec(sql, Params().text(username));
  if (r.rows() == 0) return std::nullopt;
  return read_account(r, 0);
}

std::vector<AccountRow> PgTransaction::list_accounts(const std::optional<std::string>& centre_id) {
  static const std::string sql =
      std::string(kAccountColumns) + "WHERE ($1::text IS NULL OR centre_id = $1) ORDER BY id";
  auto r = c_.exec(sql, Params().opt_text(centre_id));
  std::vector<AccountRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_account(r, i));
  return out;
}

void PgTransaction::update_account(const AccountRow& a) {
  c_.exec(
      "UPDATE accounts SET password_hash = $1, failed_logins = $2, password_changed_at = $3, role = $4, disabled = $5 "
      "WHERE id = $6",
      Params()
          .text(a.password_hash)
          .integer(a.failed_logins)
          .text(a.password_changed_at)
          .text(a.role)
          .flag(a.disabled)
          .integer(a.id));
}

void PgTransaction::count_failed_login(const std::string& username) {
  c_.exec("UPDATE accounts SET failed_logins = failed_logins + 1 WHERE username = $1", Params().text(username));
}

void PgTransaction::insert_session(const SessionRow& s) {
  c_.exec(
      "INSERT INTO sessions (token_hash, kind, account_id, patient_id, csrf, created_at, expires_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7)",
      Params()
          .text(s.token_hash)
          .text(s.kind)
          .opt_integer(s.account_id)
          .opt_integer(s.patient_id)
          .text(s.csrf)
          .text(s.created_at)
          .text(s.expires_at));
}

std::optional<SessionRow> PgTransaction::find_session(const std::string& token_hash) {
  auto r = c_.exec(
      "SELECT token_hash, kind, account_id, patient_id, csrf, created_at, expires_at FROM sessions "
      "WHERE token_hash = $1",
      Params().text(token_hash));
  if (r.rows() == 0) return std::nullopt;
  SessionRow s;
  s.token_hash = r.text(0, 0);
  s.kind = r.text(0, 1);
  s.account_id = r.opt_int64(0, 2);
  s.patient_id = r.opt_int64(0, 3);
  s.csrf = r.text(0, 4);
  s.created_at = r.text(0, 5);
  s.expires_at = r.text(0, 6);
  return s;
}

void PgTransaction::delete_session(const std::string& token_hash) {
  c_.exec("DELETE FROM sessions WHERE token_hash = $1", Params().text(token_hash));
}

void PgTransaction::delete_sessions_of_account(std::int64_t account_id) {
  c_.exec("DELETE FROM sessions WHERE account_id = $1", Params().integer(account_id));
}

void PgTransaction::insert_access_token(const AccessTokenRow& t) {
  c_.exec(
      "INSERT INTO access_tokens (token_hash, purpose, patient_id, episode_id, instrument, item_id, created_at, "
      "expires_at, used_at, attempts) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL,0)",
      Params()
          .text(t.token_hash)
          .text(t.purpose)
          .integer(t.patient_id)
          .opt_integer(t.episode_id)
          .text(t.instrument)
          .text(t.item_id)
          .text(t.created_at)
          .text(t.expires_at));
}

std::optional<AccessTokenRow> PgTransaction::find_access_token(const std::string& token_hash) {
  static const std::string sql = std::string(kTokenColumns) + "WHERE token_hash = $1";
  auto r = c_.exec(sql, Params().text(token_hash));
  if (r.rows() == 0) return std::nullopt;
  return read_token(r, 0);
}

void PgTransaction::update_access_token(const AccessTokenRow& t) {
  c_.exec("UPDATE access_tokens SET used_at = $1, attempts = $2 WHERE token_hash = $3",
          Params().text_or_null(t.used_at).integer(t.attempts).text(t.token_hash));
}

std::optional<IdempotencyRow> PgTransaction::find_idempotency(const std::string& actor, const std::string& key) {
  auto r = c_.exec(
      "SELECT actor, key, route, status, response, created_at FROM idempotency_keys WHERE actor = $1 AND key = $2",
      Params().text(actor).text(key));
  if (r.rows() == 0) return std::nullopt;
  return IdempotencyRow{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.int32(0, 3), r.text(0, 4), r.text(0, 5)};
}

void PgTransaction::insert_idempotency(const IdempotencyRow& r) {
  c_.exec(
      "INSERT INTO idempotency_keys (actor, key, route, status, response, created_at) VALUES ($1,$2,$3,$4,$5,$6) "
      "ON CONFLICT (actor, key) DO NOTHING",
      Params().text(r.actor).text(r.key).text(r.route).integer(r.status).text(r.response).text(r.created_at));
}

std::optional<SignInDelayRow> PgTransaction::find_sign_in_delay(const std::string& key) {
  auto r = c_.exec("SELECT key, failures, last_failure_at, wait_until FROM sign_in_delays WHERE key = $1",
                   Params().text(key));
  if (r.rows() == 0) return std::nullopt;
  return SignInDelayRow{r.text(0, 0), r.int32(0, 1), r.text(0, 2), r.text(0, 3)};
}

void PgTransaction::put_sign_in_delay(const SignInDelayRow& d) {
  c_.exec(
      "INSERT INTO sign_in_delays (key, failures, last_failure_at, wait_until) VALUES ($1,$2,$3,$4) "
      "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, "
      "wait_until = excluded.wait_until",
      Params().text(d.key).integer(d.failures).text(d.last_failure_at).text(d.wait_until));
}

void PgTransaction::delete_sign_in_delay(const std::string& key) {
  c_.exec("DELETE FROM sign_in_delays WHERE key = $1", Params().text(key));
}

void PgTransaction::prune_sign_in_delays(const std::string& before) {
  c_.exec("DELETE FROM sign_in_delays WHERE last_failure_at < $1", Params().text(before));
}

std::optional<LoginCodeRow> PgTransaction::find_login_code(const std::string& mobile) {
  static const std::string sql = std::string(kCodeColumns) + "WHERE mobile = $1";
  auto r = c_.exec(sql, Params().text(mobile));
  if (r.rows() == 0) return std::nullopt;
  return read_code(r, 0);
}

std::optional<LoginCodeRow> PgTransaction::find_login_code_by_choice(const std::string& choice_hash) {
  static const std::string sql = std::string(kCodeColumns) + "WHERE choice_hash = $1";
  auto r = c_.exec(sql, Params().text(choice_hash));
  if (r.rows() == 0) return std::nullopt;
  return read_code(r, 0);
}

void PgTransaction::put_login_code(const LoginCodeRow& c) {
  c_.exec(
      "INSERT INTO login_codes (mobile, code_hash, created_at, expires_at, used_at, wrong, choice_hash, "
      "choice_expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) "
      "ON CONFLICT (mobile) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, "
      "expires_at = excluded.expires_at, used_at = excluded.used_at, wrong = excluded.wrong, "
      "choice_hash = excluded.choice_hash, choice_expires_at = excluded.choice_expires_at",
      Params()
          .text(c.mobile)
          .text(c.code_hash)
          .text(c.created_at)
          .text(c.expires_at)
          .text_or_null(c.used_at)
          .integer(c.wrong)
          .text_or_null(c.choice_hash)
          .text_or_null(c.choice_expires_at));
}

void PgTransaction::prune_login_codes(const std::string& before) {
  c_.exec("DELETE FROM login_codes WHERE expires_at < $1 AND (choice_expires_at IS NULL OR choice_expires_at < $1)",
          Params().text(before));
}

void PgTransaction::insert_code_event(const CodeEventRow& e) {
  c_.exec("INSERT INTO code_events (kind, mobile, address, at) VALUES ($1,$2,$3,$4)",
          Params().text(e.kind).text(e.mobile).text(e.address).text(e.at));
}

CodeEventCount PgTransaction::count_code_events(const CodeEventQuery& query) {
  auto r = c_.exec(
      "SELECT COUNT(*), MIN(at) FROM code_events WHERE kind = $1 AND at > $2 AND ($3::text IS NULL OR mobile = $3) "
      "AND ($4::text IS NULL OR address = $4)",
      Params()
          .text(query.kind)
          .text(query.since)
          .text_or_null(query.mobile.value_or(""))
          .text_or_null(query.address.value_or("")));
  return {r.int32(0, 0), r.text_or_empty(0, 1)};
}

void PgTransaction::prune_code_events(const std::string& before) {
  c_.exec("DELETE FROM code_events WHERE at < $1", Params().text(before));
}

}  // namespace rp::store::postgres
