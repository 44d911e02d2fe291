// Fuzzes the reader of a client's UTC instant (base/utc_instant.hpp): any bytes either
// throw InputError or give an instant whose text, read again, is the same instant.
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "base/utc_instant.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::UtcInstant t = rp::parse_utc_instant(text, "at");
    const rp::UtcInstant again = rp::parse_utc_instant(t.iso, "at");
    if (again.ms != t.ms || again.iso != t.iso) __builtin_trap();
  } catch (const rp::InputError&) {
  }
  return 0;
}
