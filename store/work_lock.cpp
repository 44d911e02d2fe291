// The default work lock (store/store.hpp): granted at once, held by no one else.
#include "store/store.hpp"

namespace rp::store {

std::optional<WorkLock> Store::try_work_lock(std::string_view) { return WorkLock(); }

}  // namespace rp::store
