#include "service/accounts.hpp"

#include "service/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <stdexcept>

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/auth.hpp"
#include "service/idempotency.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Usernames appear in audit rows and logs: plain ASCII keeps them unambiguous.
void check_username(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) throw InputError("username", "username_length"_err);
  for (unsigned char c : username) {
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') throw InputError("username", "username_characters"_err);
  }
}

void check_role(const std::string& role) {
  if (role != kRegistryRole && std::find(kStaffRoles.begin(), kStaffRoles.end(), role) == kStaffRoles.end())
    throw InputError("role", "unknown_role"_err);
}

// A registry account is the operator's to manage: an admin who could make or take one
// over would set their own centre's licence status.
void guard_registry(const Actor& actor, std::string_view role) {
  if (role == kRegistryRole && !actor.all_centres) throw ForbiddenError("role", "registry_accounts_operator_only"_err);
}

// Admins act within their centre only.
void require_admin_of(const Actor& actor, const std::string& centre_id) {
  require(actor, Permission::account_admin);
  if (!actor.sees_centre(centre_id)) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id}});
}

}  // namespace

void check_password_rules(std::string_view username, std::string_view password) {
  if (password.size() < 12) throw InputError("password", "password_too_short"_err);
  if (password.size() > 128) throw InputError("password", "too_many_characters"_err, {{"max", 128}});
  const bool letter = std::any_of(password.begin(), password.end(), [](unsigned char c) { return std::isalpha(c); });
  const bool digit = std::any_of(password.begin(), password.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!letter || !digit) throw InputError("password", "password_letters_and_digits"_err);
  if (!username.empty() && lower(password).find(lower(username)) != std::string::npos)
    throw InputError("password", "password_contains_username"_err);
  static const char* const common[] = {"password1234", "123456789abc", "qwerty123456",  "iloveyou1234",
                                       "admin1234567", "abc123456789", "password123456"};
  for (const char* c : common) {
    if (lower(password) == c) throw InputError("password", "password_well_known"_err);
  }
}

// The sanitizer build (RP_SANITIZE, never packaged) hashes at libsodium's least cost: its
// tests look for memory errors, and every sign-in at the interactive limits filled 64 MiB
// through the sanitizer's allocator, most of each of its HTTP tests' time. Every other
// build, the installed one among them, uses the interactive limits unless the process is
// told otherwise (set_password_hash_cost). A hash names its own limits, so either build
// verifies the other's.
namespace {
#ifdef RP_PASSWORD_HASH_LEAST_COST
std::atomic<PasswordHashCost> hash_cost{PasswordHashCost::least};
#else
std::atomic<PasswordHashCost> hash_cost{PasswordHashCost::interactive};
#endif
}  // namespace

void set_password_hash_cost(PasswordHashCost cost) { hash_cost.store(cost); }
PasswordHashCost password_hash_cost() { return hash_cost.load(); }

std::string hash_password(std::string_view password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  const bool least = hash_cost.load() == PasswordHashCost::least;
  const unsigned long long ops = least ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t memory = least ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, memory, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_password() {
  init_sodium();
  // No look-alike characters (0/O, 1/l/I): demo passwords are read off a terminal.
  static const char letters[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static const char digits[] = "23456789";
  std::string out;
  for (int group = 0; group < 4; ++group) {
    if (group) out += '-';
    for (int i = 0; i < 3; ++i) out += letters[randombytes_uniform(sizeof letters - 1)];
    out += digits[randombytes_uniform(sizeof digits - 1)];
  }
  return out;  // e.g. kXp4-Rtm7-aQz2-Hwe9: 16 characters, letters and digits
}

Account to_account(const store::AccountRow& r) {
  return {r.id, r.username, r.role, r.centre_id, r.failed_logins, r.disabled};
}

Account Accounts::create(const Actor& actor, const std::string& username, const std::string& role,
                         const std::string& centre_id, const std::string& password) {
  require_admin_of(actor, centre_id);
  check_username(username);
  check_role(role);
  guard_registry(actor, role);
  check_password_rules(username, password);
  store::AccountRow row;
  row.username = username;
  row.role = role;
  row.centre_id = centre_id;
  row.password_hash = hash_password(password);  // slow on purpose: outside the transaction
  row.created_at = row.password_changed_at = clock_.now_iso();
  store_.write([&](store::Transaction& tx) {
    if (const auto earlier = earlier_request(tx, actor)) {
      row = *tx.find_account(std::stoll(*earlier));
      return;
    }
    if (!tx.find_centre(centre_id)) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id}});
    row.id = tx.insert_account(row);
    tx.append_audit(audit_entry(clock_, actor, centre_id, "account.create", "account", std::to_string(row.id), role));
    remember_request(tx, actor, std::to_string(row.id), row.created_at);
  });
  return to_account(row);
}

Account Accounts::reset(const Actor& actor, store::AccountRow row, const std::string& password_hash,
                        store::Transaction& tx) {
  row.password_hash = password_hash;
  row.failed_logins = 0;
  row.password_changed_at = clock_.now_iso();
  tx.update_account(row);
  tx.delete_sessions_of_account(row.id);
  tx.append_audit(
      audit_entry(clock_, actor, row.centre_id, "account.reset_password", "account", std::to_string(row.id)));
  return to_account(row);
}

Account Accounts::reset_password(const Actor& actor, std::int64_t account_id, const std::string& password) {
  require(actor, Permission::account_admin);
  std::optional<store::AccountRow> row;
  store_.read([&](store::Transaction& tx) { row = tx.find_account(account_id); });
  if (!row || !actor.sees_centre(row->centre_id))
    throw NotFoundError("account", "account_not_found"_err, {{"id", std::to_string(account_id)}});
  guard_registry(actor, row->role);
  check_password_rules(row->username, password);
  const std::string hash = hash_password(password);
  Account out;
  store_.write([&](store::Transaction& tx) {
    auto current = tx.find_account(account_id);
    if (!current) throw NotFoundError("account", "account_not_found"_err, {{"id", std::to_string(account_id)}});
    out = reset(actor, *current, hash, tx);
  });
  end_sessions(out.username);
  return out;
}

Account Accounts::update(const Actor& actor, std::int64_t account_id, const AccountChange& change,
                         bool* changed_anything) {
  require(actor, Permission::account_admin);
  if (change.role) check_role(*change.role);
  if (!change.role && !change.disabled) throw InputError("body", "account_change_empty"_err);
  Account out;
  bool changed = false;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_account(account_id);
    if (!row || !actor.sees_centre(row->centre_id))
      throw NotFoundError("account", "account_not_found"_err, {{"id", std::to_string(account_id)}});
    guard_registry(actor, row->role);
    if (change.role) guard_registry(actor, *change.role);
    if (row->username == actor.user) {
      if (change.disabled.value_or(false)) throw ForbiddenError("disabled", "cannot_disable_self"_err);
      if (change.role && *change.role != row->role) throw ForbiddenError("role", "cannot_change_own_role"_err);
    }
    std::string detail;
    if (change.role && *change.role != row->role) detail = "role " + row->role + " -> " + *change.role;
    if (change.disabled && *change.disabled != row->disabled)
      detail += std::string(detail.empty() ? "" : "; ") + (*change.disabled ? "disabled" : "enabled");
    if (change.role) row->role = *change.role;
    if (change.disabled) row->disabled = *change.disabled;
    out = to_account(*row);
    if (detail.empty()) return;  // nothing changes: nothing written, sessions kept
    changed = true;
    tx.update_account(*row);
    tx.delete_sessions_of_account(row->id);
    tx.append_audit(
        audit_entry(clock_, actor, row->centre_id, "account.update", "account", std::to_string(row->id), detail));
  });
  if (changed) end_sessions(out.username);
  if (changed_anything) *changed_anything = changed;
  return out;
}

void Accounts::end_sessions(const std::string& username) {
  if (sessions_) sessions_->end_staff_sessions(username);
}

Account Accounts::reset_password(const Actor& actor, const std::string& username, const std::string& password) {
  return reset_password(actor, id_of(username), password);
}

Account Accounts::update(const Actor& actor, const std::string& username, const AccountChange& change) {
  return update(actor, id_of(username), change);
}

std::int64_t Accounts::id_of(const std::string& username) {
  std::optional<store::AccountRow> row;
  store_.read([&](store::Transaction& tx) { row = tx.find_account_by_username(username); });
  if (!row) throw NotFoundError("username", "username_not_found"_err, {{"username", username}});
  return row->id;
}

std::vector<Account> Accounts::list(const Actor& actor) {
  require(actor, Permission::account_admin);
  std::vector<Account> out;
  store_.read([&](store::Transaction& tx) {
    for (const auto& r : tx.list_accounts(actor.all_centres ? std::nullopt : std::optional(actor.centre)))
      out.push_back(to_account(r));
  });
  return out;
}

std::vector<Accounts::Credential> Accounts::create_demo_accounts(const Actor& actor,
                                                                 const std::vector<std::string>& centre_ids) {
  std::vector<Credential> out;
  // The account with a fresh password: made, or its password reset when it is there.
  const auto ensure = [&](Credential c) {
    std::optional<store::AccountRow> existing;
    store_.read([&](store::Transaction& tx) { existing = tx.find_account_by_username(c.username); });
    if (existing)
      reset_password(actor, existing->id, c.password);
    else
      create(actor, c.username, c.role, c.centre_id, c.password);
    out.push_back(std::move(c));
  };
  for (const auto& centre : centre_ids)
    for (const auto role : kStaffRoles)
      ensure({std::string(role) + "." + centre, std::string(role), centre, random_password()});
  // A second person of each lab, who releases what lab.<centre> processed (a product is
  // released by someone who did not process it): the lab's quality assurance.
  for (const auto& centre : centre_ids) ensure({"qa." + centre, "lab", centre, random_password()});
  // One registry account (kept at the first centre, as every account has one): it sets
  // every centre's licence status.
  if (!centre_ids.empty())
    ensure({"registry.licensing", std::string(kRegistryRole), centre_ids.front(), random_password()});
  return out;
}

}  // namespace rp::service
