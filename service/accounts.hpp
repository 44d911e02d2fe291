#pragma once
// Staff accounts: argon2id password hashes (libsodium), password rules, and the admin's
// use cases (create an account, reset a password, list accounts). An admin manages
// the accounts of their own centre; the operator at the command line manages all.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

inline constexpr std::array<std::string_view, 6> kStaffRoles{"admin", "surgeon",         "coordinator",
                                                             "lab",   "physiotherapist", "analyst"};
// The body that licenses centres (DESIGN: centres, each with its licence status): it sets
// any centre's licence status and reads nothing of patients. Only the operator creates,
// resets or changes such an account, so a centre's admin cannot make one for themselves.
inline constexpr std::string_view kRegistryRole = "registry";

struct Account {
  std::int64_t id = 0;
  std::string username, role, centre_id;
  int failed_logins = 0;  // since the last sign-in that succeeded
  bool disabled = false;
};

// What an admin may change of an account besides its password; unset fields stay.
struct AccountChange {
  std::optional<std::string> role;
  std::optional<bool> disabled;
};

class Auth;

// At least 12 and at most 128 characters, letters and digits, not containing the
// username, not a well-known password. Throws InputError("password") naming the rule.
void check_password_rules(std::string_view username, std::string_view password);
// argon2id (libsodium's interactive limits, or its least: set_password_hash_cost): a
// self-describing string with salt. A hash names its own limits, so any is verified.
std::string hash_password(std::string_view password);
// The work of every password hash this process makes from now on, the dummy one sign-in
// spends on unknown usernames among them (so time still tells nothing). `least` only where
// the passwords are a test's: a throw-away demo server a test starts (`regenpath demo
// --least-cost-hashes`; its passwords are random, 79 bits, and printed in its log) and the
// HTTP suites' seeded databases. The suites start a score of demo servers, each hashing
// some thirty passwords, and sign in by the hundred.
enum class PasswordHashCost { interactive, least };
void set_password_hash_cost(PasswordHashCost cost);
PasswordHashCost password_hash_cost();
bool verify_password(const std::string& hash, std::string_view password);
// A random password that meets the rules (for the demo and for resets by the CLI).
std::string random_password();

class Accounts {
 public:
  // `sessions` (optional): told to forget an account's cached sessions when a reset, a
  // disable or a role change ends them.
  Accounts(store::Store& store, Clock clock, Auth* sessions = nullptr)
      : store_(store), clock_(std::move(clock)), sessions_(sessions) {}

  Account create(const Actor& actor, const std::string& username, const std::string& role, const std::string& centre_id,
                 const std::string& password);
  // Sets a new password, clears the count of failed sign-ins and ends the account's
  // sessions.
  Account reset_password(const Actor& actor, std::int64_t account_id, const std::string& password);
  Account reset_password(const Actor& actor, const std::string& username, const std::string& password);
  std::vector<Account> list(const Actor& actor);
  // Changes a role or disables (enables) an account of the admin's centre. Either ends the
  // account's sessions. An admin cannot disable their own account or change their own
  // role, so a centre is never left without the admin who could undo it.
  // A change to what the account already is writes nothing and keeps its sessions;
  // `*changed` (when given) says whether anything changed.
  Account update(const Actor& actor, std::int64_t account_id, const AccountChange& change, bool* changed = nullptr);
  Account update(const Actor& actor, const std::string& username, const AccountChange& change);

  struct Credential {
    std::string username, role, centre_id, password;
  };
  // One account per staff role per centre (username role.centre) with a fresh random
  // password each, for the demo; existing demo accounts get a new password.
  std::vector<Credential> create_demo_accounts(const Actor& actor, const std::vector<std::string>& centre_ids);

 private:
  Account reset(const Actor& actor, store::AccountRow row, const std::string& password_hash, store::Transaction& tx);

  void end_sessions(const std::string& username);
  // For the command line, which names accounts by username.
  std::int64_t id_of(const std::string& username);

  store::Store& store_;
  Clock clock_;
  Auth* sessions_;
};

Account to_account(const store::AccountRow& row);

}  // namespace rp::service
