// Every test binary allocates as the regenpath binary does (base/allocator.hpp): its
// in-process tests then spend their time where the product's would, not in the kernel.
#include "base/allocator.hpp"

namespace {

const bool kept_freed_memory = [] {
  rp::keep_freed_memory();
  return true;
}();

}  // namespace
