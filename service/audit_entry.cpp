#include "service/audit_entry.hpp"

#include <utility>

namespace rp::service {

store::AuditEntry audit_entry(const Clock& clock, const Actor& actor, std::string centre, std::string action,
                              std::string entity, std::string entity_id, std::string detail) {
  return {clock.now_iso(),      actor.user,        std::string(to_string(actor.role)),
          std::move(centre),    std::move(action), std::move(entity),
          std::move(entity_id), std::move(detail)};
}

}  // namespace rp::service
