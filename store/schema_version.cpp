// The newest schema this binary knows: the engine-free part of the store, since both
// adapters (and the commands that compare a database with it) ask for it.
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace rp::store {

int latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

}  // namespace rp::store
