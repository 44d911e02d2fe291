#pragma once
// The health check's question to the store: does it answer a read? A read of one row
// through the same path as every request, so a store that cannot be read (a locked file,
// a PostgreSQL server gone) fails the probe with the error a request would get.
#include "store/store.hpp"

namespace rp::service {

// Throws what the store throws when it cannot be read.
void check_store_answers(store::Store& store);

}  // namespace rp::service
