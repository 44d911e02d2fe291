#include "base/allocator.hpp"

#include <malloc.h>

namespace rp {

void keep_freed_memory() {
  // Setting either one also stops glibc moving its thresholds by itself.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace rp
