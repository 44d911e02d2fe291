// Fuzzes the date parsers (Gregorian and Jalali, any digits and separators):
// they must either return a real date that round-trips or throw InputError.
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "base/jalali.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::CivilDate g = rp::parse_gregorian(text);
    if (rp::parse_gregorian(g.iso()) != g) __builtin_trap();
  } catch (const rp::InputError&) {
  }
  try {
    const rp::CivilDate g = rp::parse_jalali(text);
    if (rp::parse_jalali(rp::to_jalali(g).iso()) != g) __builtin_trap();
  } catch (const rp::InputError&) {
  }
  return 0;
}
