#pragma once
// Who someone is to regenpath. Roles are text only at the edges (the API's JSON, the
// command line, the store's rows): inside, a Role, so that a misspelt role is a compile
// error rather than a permission that silently never matches.
#include <array>
#include <optional>
#include <string_view>

namespace rp::service {

enum class Role {
  admin,
  surgeon,
  coordinator,
  lab,
  physiotherapist,
  analyst,
  registry,   // the body that licenses centres
  operator_,  // "operator" (a C++ keyword): the command line's own role, every centre
  patient,    // signed in to the portal
  anonymous,  // no session: "public", as the route table names it
};

inline constexpr std::array<Role, 10> kAllRoles{
    Role::admin,   Role::surgeon,  Role::coordinator, Role::lab,     Role::physiotherapist,
    Role::analyst, Role::registry, Role::operator_,   Role::patient, Role::anonymous};

std::string_view to_string(Role role);
// Nullopt for text that names no role.
std::optional<Role> role_from_string(std::string_view text);

}  // namespace rp::service
