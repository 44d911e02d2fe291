#pragma once
// Signing in. Staff: username + password → session (a 256-bit random token; the store
// keeps only its hash) with a CSRF token, idle and absolute expiry, logout, and an
// increasing delay then a lockout after repeated failures. Patients: mobile number +
// one-time code sent through a pluggable sender → a patient session that sees only
// their own record. Questionnaire links: 128-bit random, single-use, expiring tokens
// bound to one episode and instrument.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/clock.hpp"
#include "base/error.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// No valid credentials or session (HTTP 401).
class UnauthorizedError : public InputError {
 public:
  using InputError::InputError;
};

// Too many failed attempts: try again after retry_after_s seconds (HTTP 429).
class TooManyAttemptsError : public InputError {
 public:
  TooManyAttemptsError(std::string field, const std::string& message, int retry_after_s)
      : InputError(std::move(field), message), retry_after_s_(retry_after_s) {}
  int retry_after_s() const { return retry_after_s_; }

 private:
  int retry_after_s_;
};

struct AuthPolicy {
  std::int64_t staff_session_ms = 12LL * 3600 * 1000;  // absolute
  std::int64_t patient_session_ms = 2LL * 3600 * 1000;
  std::int64_t idle_ms = 30LL * 60 * 1000;
  std::int64_t code_ms = 10LL * 60 * 1000;         // one-time code lifetime
  std::int64_t link_ms = 14LL * 24 * 3600 * 1000;  // questionnaire link lifetime
  int free_failures = 3;                           // failures before delays start
  int lockout_failures = 10;                       // failures before the account is locked until reset
  int max_delay_s = 300;
  int code_attempts = 5;
  // A cached session is checked against the store again after this long, so that an
  // account disabled or reset by another process (the command line) loses its sessions
  // within it; changes made through this server end them at once.
  std::int64_t recheck_ms = 2000;
};

// Delivers a one-time code to a patient's mobile. The demo's sender writes it to the
// server log with the patient's id only (no number, no name).
using CodeSender = std::function<void(std::int64_t patient_id, const std::string& mobile, const std::string& code)>;

struct Principal {
  Actor actor;       // role "patient" for portal sessions
  std::string csrf;  // must accompany every state-changing request
  std::string token_hash;
};

struct Login {
  std::string token;  // the session cookie's value; shown once
  Principal principal;
  std::int64_t expires_in_s = 0;
};

struct QuestionnaireLink {
  std::string token;
  std::string expires_at;
};

// Hex of n random bytes (libsodium's CSPRNG).
std::string random_hex(std::size_t bytes);
// BLAKE2b-256 hex of a token: what the store keeps.
std::string token_hash(std::string_view token);
// The instant `ms` after now, ISO 8601 UTC.
std::string iso_after(const Clock& clock, std::int64_t ms);

class Auth {
 public:
  Auth(store::Store& store, Clock clock, AuthPolicy policy, CodeSender sender);

  // Throws UnauthorizedError (same message for unknown user and wrong password) or
  // TooManyAttemptsError.
  Login login(const std::string& username, const std::string& password);
  // The signed-in principal for a session token, or nullopt (unknown, expired, idle).
  std::optional<Principal> session(const std::string& token);
  void logout(const std::string& token);
  // Forgets every cached session of a staff account at once (its rows are deleted by the
  // caller): after a password reset, a disable or a role change.
  void end_staff_sessions(const std::string& username);

  // Sends a code to every patient registered with this mobile number. Silent whether or
  // not the number is known, so it reveals nothing.
  void request_code(const std::string& mobile);
  Login patient_login(const std::string& mobile, const std::string& code);

  QuestionnaireLink issue_link(const Actor& actor, std::int64_t episode_id, const std::string& instrument,
                               const std::string& item_id);
  // The unused, unexpired link for a token, or NotFoundError (the same for unknown,
  // used and expired links, as a guessed token must learn nothing).
  store::AccessTokenRow find_link(store::Transaction& tx, const std::string& token);

  const AuthPolicy& policy() const { return policy_; }

 private:
  struct Cached {
    Principal principal;
    std::string expires_at;
    std::int64_t last_seen_ms = 0;
    std::int64_t checked_ms = 0;  // when the store last confirmed it
  };
  Login open_session(const std::string& kind, const Actor& actor, std::optional<std::int64_t> account_id,
                     std::optional<std::int64_t> patient_id, std::int64_t lifetime_ms);

  store::Store& store_;
  Clock clock_;
  AuthPolicy policy_;
  CodeSender sender_;
  std::string dummy_hash_;  // verified against for unknown users, so timing reveals nothing
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;  // token hash → session
};

}  // namespace rp::service
