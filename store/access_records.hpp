#pragma once
// Rows behind sign-in: staff accounts, sessions, patients' single-purpose tokens and
// idempotency keys. Secrets appear only as hashes (see 0002_accounts.sql).
#include <cstdint>
#include <optional>
#include <string>

namespace rp::store {

struct AccountRow {
  std::int64_t id = 0;
  std::string username, role, centre_id;
  std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)
  int failed_logins = 0;
  std::string locked_until;  // UTC instant or empty
  bool locked = false;       // until an admin resets the password
  bool disabled = false;     // by an admin: no sign-in until enabled again
  std::string created_at, password_changed_at;
};

struct SessionRow {
  std::string token_hash;
  std::string kind;  // staff | patient
  std::optional<std::int64_t> account_id, patient_id;
  std::string csrf;
  std::string created_at, expires_at;
};

struct AccessTokenRow {
  std::string token_hash;
  std::string purpose;  // login_code | questionnaire
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> episode_id;
  std::string instrument, item_id;
  std::string created_at, expires_at;
  std::string used_at;  // empty while unused
  int attempts = 0;
};

struct IdempotencyRow {
  std::string actor, key, route;
  int status = 0;
  std::string response;
  std::string created_at;
};

}  // namespace rp::store
