#include "service/role.hpp"

namespace rp::service {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::surgeon:
      return "surgeon";
    case Role::coordinator:
      return "coordinator";
    case Role::lab:
      return "lab";
    case Role::physiotherapist:
      return "physiotherapist";
    case Role::analyst:
      return "analyst";
    case Role::registry:
      return "registry";
    case Role::operator_:
      return "operator";
    case Role::patient:
      return "patient";
    case Role::anonymous:
      return "public";
  }
  return "?";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const Role r : kAllRoles)
    if (to_string(r) == text) return r;
  return std::nullopt;
}

}  // namespace rp::service
