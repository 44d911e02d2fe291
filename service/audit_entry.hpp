#pragma once
// The audit row every use case writes in its own transaction: who (user, role, centre),
// what, when. The store chains and hashes it (store/audit_chain.hpp).
#include <string>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// The audit row for an action, stamped now.
store::AuditEntry audit_entry(const Clock& clock, const Actor& actor, std::string centre, std::string action,
                              std::string entity, std::string entity_id, std::string detail = "");

}  // namespace rp::service
