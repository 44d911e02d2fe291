#pragma once
// Rows behind sign-in: staff accounts, sessions, patients' single-purpose tokens, the
// sign-in delays and code budgets (0009_sign_in_limits.sql) and idempotency keys. Secrets
// appear only as hashes (see 0002_accounts.sql).
#include <cstdint>
#include <optional>
#include <string>

namespace rp::store {

struct AccountRow {
  std::int64_t id = 0;
  std::string username, role, centre_id;
  std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)
  int failed_logins = 0;      // failed sign-ins since the last one that succeeded (shown, decides nothing)
  bool disabled = false;      // by an admin: no sign-in until enabled again
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

// Failures counted under one key (a username at a client address, or a client address),
// and until when that key is answered "wait".
struct SignInDelayRow {
  std::string key;  // BLAKE2b hex
  int failures = 0;
  std::string last_failure_at, wait_until;  // UTC instants
};

// A patient's one-time sign-in code: one live code per mobile number.
struct LoginCodeRow {
  std::string mobile;  // normalised +989XXXXXXXXX
  std::string code_hash;
  std::string created_at, expires_at;
  std::string used_at;  // empty while unused
  int wrong = 0;        // wrong codes typed against it
  // Set once the right code is typed on a number shared by several patients: the hash
  // of the token that picks one of them, and until when it does. Empty otherwise.
  std::string choice_hash, choice_expires_at;
};

// A code asked for ("requested") or a wrong code typed ("wrong").
struct CodeEventRow {
  std::string kind;
  std::string mobile;   // normalised, whether or not a patient has it
  std::string address;  // BLAKE2b hex of the client address
  std::string at;
};

// Events of one kind since an instant, for one mobile, one address, or all (unset).
struct CodeEventQuery {
  std::string kind;
  std::string since;
  std::optional<std::string> mobile, address;
};

struct CodeEventCount {
  int count = 0;
  std::string oldest_at;  // empty when count is 0
};

struct IdempotencyRow {
  std::string actor, key, route;
  int status = 0;
  std::string response;
  std::string created_at;
};

}  // namespace rp::store
