#pragma once
// Who may see a patient's record, for the pathway's use cases: staff see their centre's
// patients; another centre's patient is "not found", exactly like one that does not
// exist, so ids reveal nothing.
#include <cstdint>
#include <string>

#include "base/error.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// The portal's use cases are a signed-in patient's own: any other actor is refused.
inline void require_portal_patient(const Actor& actor) {
  if (actor.role != Role::patient || !actor.patient_id) throw ForbiddenError("role", "portal_for_patients"_err);
}

inline Patient visible_patient(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto p = tx.find_patient(id);
  if (!p || !actor.sees_centre(p->centre_id))
    throw NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(id)}});
  return *p;
}

}  // namespace rp::service
