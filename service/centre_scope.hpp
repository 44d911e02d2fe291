#pragma once
// The rows a use case may reach on behalf of an actor: their own centre's, or every
// centre's for the operator. Passed to Store::read and write, so that on PostgreSQL
// row-level security holds each query to it even where a check of the service is missed
// (store::CentreScope). Work on no actor's behalf (sign-in, the registry's de-identified
// figures, the audit chain's verification) uses the plain, unscoped forms.
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

inline store::CentreScope record_scope(const Actor& actor) {
  return actor.all_centres ? store::CentreScope::every_centre() : store::CentreScope::of_centre(actor.centre);
}

}  // namespace rp::service
