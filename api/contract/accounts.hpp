#pragma once
// Staff accounts as the admin's routes read and write them (api/routes_admin.cpp).
#include <optional>
#include <string>

#include "api/http/contract.hpp"
#include "service/accounts.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct AccountOut {
  static constexpr const char* kSchema = "Account";
  std::int64_t id = 0;
  std::string username, role, centre;
  std::int64_t failed_logins = 0;
  bool disabled = false;
  template <class V>
  static void fields(V& v) {
    v("id", &AccountOut::id, "");
    v("username", &AccountOut::username, "");
    v("role", &AccountOut::role, "", FieldRule{.ref = "Role"});
    v("centre", &AccountOut::centre, "the centre's id");
    v("failed_logins", &AccountOut::failed_logins, "failed sign-ins since the last one that succeeded");
    v("disabled", &AccountOut::disabled, "a disabled account cannot sign in");
  }
};

struct AccountUpdated : AccountOut {
  static constexpr const char* kSchema = "AccountUpdated";
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    AccountOut::fields(v);
    v("changed", &AccountUpdated::changed, "false when the account already was so (nothing was written)");
  }
};

// The password is checked first, then the role, then the name: the order the route read
// them in before it was typed, so the first bad field named stays the same.
struct NewAccount {
  static constexpr const char* kSchema = "NewAccount";
  std::string password, role, username;
  template <class V>
  static void fields(V& v) {
    v("password", &NewAccount::password, "the password rules apply", FieldRule{.max_bytes = 128});
    v("role", &NewAccount::role, "a staff role", FieldRule{.max_bytes = 32, .ref = "Role"});
    v("username", &NewAccount::username, "", FieldRule{.max_bytes = 64});
  }
};

struct PasswordReset {
  static constexpr const char* kSchema = "PasswordReset";
  std::string password;
  template <class V>
  static void fields(V& v) {
    v("password", &PasswordReset::password, "the new password (the password rules apply)", FieldRule{.max_bytes = 128});
  }
};

struct AccountChange {
  static constexpr const char* kSchema = "AccountChange";
  std::optional<std::string> role;
  std::optional<bool> disabled;
  template <class V>
  static void fields(V& v) {
    v("role", &AccountChange::role, "the new role", FieldRule{.max_bytes = 32, .ref = "Role"});
    v("disabled", &AccountChange::disabled, "true disables the account, false enables it");
  }
};

inline AccountOut account_out(const service::Account& a) {
  return {a.id, a.username, a.role, a.centre_id, a.failed_logins, a.disabled};
}

}  // namespace rp::api::contract
