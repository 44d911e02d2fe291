#pragma once
#include <optional>
#include <string>

#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct AuditVerification {
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken_seq;  // unset when the chain is intact
  std::string problem;
};

// Recomputes every row's hash from its fields and the previous row's hash.
AuditVerification verify_audit_chain(store::Store& store, const Actor& actor);

}  // namespace rp::service
