#pragma once
// Signing in. Staff: username + password → session (a 256-bit random token; the store
// keeps only its hash) with a CSRF token, idle and absolute expiry, logout, and a wait
// that grows with failures per username at a client address and per address, never a
// lock-out (sign_in_limits.hpp). Patients: mobile number + one-time code (one live code
// per number, within budgets) sent through a pluggable sender → a patient session that
// sees only their own record; on a number several patients share, the person picks who
// they are after the code. Questionnaire links: 128-bit random, single-use, expiring tokens
// bound to one episode and instrument.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/clock.hpp"
#include "base/error.hpp"
#include "service/actor.hpp"
#include "service/sign_in_limits.hpp"
#include "store/store.hpp"

namespace rp::service {

struct AuthPolicy {
  std::int64_t staff_session_ms = 12LL * 3600 * 1000;  // absolute
  std::int64_t patient_session_ms = 2LL * 3600 * 1000;
  std::int64_t idle_ms = 30LL * 60 * 1000;
  std::int64_t code_ms = 10LL * 60 * 1000;         // one-time code lifetime
  std::int64_t link_ms = 14LL * 24 * 3600 * 1000;  // questionnaire link lifetime
  // Staff sign-in: the wait after failures of a username at one client address, and of
  // one client address whatever the username. Never a lock-out: from another address
  // the right password still signs in.
  DelayRule account_at_address{3, 300, 3600LL * 1000};
  DelayRule address{10, 300, 3600LL * 1000};
  // Patients' codes: wrong codes that end the live code, the time to pick the patient on
  // a shared number after the right code, and the budgets of codes asked for and wrong
  // codes typed per mobile number, per client address and overall within the window.
  int code_attempts = 5;
  std::int64_t choice_ms = 5LL * 60 * 1000;
  std::int64_t code_window_ms = 3600LL * 1000;
  WindowBudget codes_requested{3, 10, 300};
  WindowBudget wrong_codes{10, 20, 500};
  // When a patient's code counts as being guessed, for the worklist.
  GuessAlert guess_alert;
  // A cached session is checked against the store again once the store's data generation
  // moved (another server or process committed a change, a sign-out among them) and at
  // the latest after this long, for engines or moments where the generation is not known
  // (a PostgreSQL listener reconnecting, an SQLite server that has not read since another
  // process wrote); changes made through this server end them at once.
  std::int64_t recheck_ms = 2000;
};

// Delivers a one-time code to a mobile number, once, whoever is registered with it (the
// ids of those patients). The demo's sender writes it to the server log with the
// patients' ids only (no number, no name).
using CodeSender = std::function<void(const std::vector<std::int64_t>& patient_ids, const std::string& mobile,
                                      const std::string& code)>;

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

// One of the patients registered with a shared mobile number, as offered to whoever typed
// its right code: enough for a household to tell its members apart, nothing more.
struct PatientOption {
  std::int64_t patient_id = 0;
  std::string first_name_fa, first_name_latin, mrn;
};

// After the right code on a shared number: who is signing in? `token` picks one of the
// patients (choose_patient), once, within expires_in_s.
struct PatientChoice {
  std::string token;
  std::vector<PatientOption> patients;
  std::int64_t expires_in_s = 0;
};

// A patient's sign-in with the right code: a session, or the choice on a shared number.
struct PatientSignIn {
  std::optional<Login> login;
  std::optional<PatientChoice> choice;
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

  // `address` is the client's. Throws UnauthorizedError (the same for an unknown username
  // and a wrong password, after the same password-hashing work and the same write) or
  // TooManyAttemptsError while the username at this address, or the address, must wait;
  // the wait is counted alike for known and unknown usernames.
  Login login(const std::string& username, const std::string& password, const std::string& address);
  // The signed-in principal for a session token, or nullopt (unknown, expired, idle).
  std::optional<Principal> session(const std::string& token);
  // Whether a session is still live, without counting the question as the user's
  // activity: a page's open event stream must not keep an unattended session from
  // idling out. False once it expired, idled, was signed out or its account was
  // disabled; only sessions this server issued or confirmed (in its cache) can be live.
  bool session_alive(const std::string& token_hash);
  void logout(const std::string& token);
  // Forgets every cached session of a staff account at once (its rows are deleted by the
  // caller): after a password reset, a disable or a role change.
  void end_staff_sessions(const std::string& username);

  // Sends one code to the mobile number if a patient is registered with it, replacing the
  // number's live code. Silent whether or not the number is known, so it reveals nothing;
  // TooManyAttemptsError when the number, the address or everyone asked for too many
  // codes within the window (counted for unknown numbers too).
  void request_code(const std::string& mobile, const std::string& address);
  // The number's live code: a session for its one patient, or the choice between the
  // patients who share the number. UnauthorizedError for a wrong or expired code;
  // TooManyAttemptsError when the number, the address or everyone typed too many wrong
  // codes within the window.
  PatientSignIn patient_login(const std::string& mobile, const std::string& code, const std::string& address);
  // The patient picked with a choice token from patient_login. UnauthorizedError for an
  // unknown, used or expired token; InputError for a patient not offered by it.
  Login choose_patient(const std::string& choice_token, std::int64_t patient_id);

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
    // The store's data generation read before that confirmation: while it stays the
    // same, nothing (a sign-out or disable on another server) can have ended the session.
    std::optional<std::uint64_t> generation;
  };
  // Whether a cached session may be trusted without asking the store again: confirmed
  // within recheck_ms and, where the store tracks a generation, nothing committed since.
  bool confirmed_lately(const Cached& c, std::int64_t now_ms, std::optional<std::uint64_t> generation) const;
  struct NewSession {
    Login login;
    std::string expires_at;
  };
  // Inserts a session and its audit row in the caller's transaction; remember() caches it
  // once that commits.
  NewSession insert_session(store::Transaction& tx, const std::string& kind, const Actor& actor,
                            std::optional<std::int64_t> account_id, std::optional<std::int64_t> patient_id,
                            std::int64_t lifetime_ms);
  // `generation` read before the session's write; none (the patients' sign-in) has the
  // store confirm the session once more on its first use.
  void remember(const NewSession& s, std::optional<std::uint64_t> generation = std::nullopt);

  store::Store& store_;
  Clock clock_;
  AuthPolicy policy_;
  CodeSender sender_;
  std::string dummy_hash_;  // verified against for unknown users, so timing reveals nothing
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;  // token hash → session
  // Client addresses (keys) with a staff sign-in being checked: one at a time each.
  std::mutex attempts_mutex_;
  std::unordered_set<std::string> attempts_in_flight_;
};

}  // namespace rp::service
