// Fuzzes the DIN reader (domain/product/din.hpp) with typed and scanned text: any input is
// either a DIN that reads back to itself in each of its forms, or refused with InputError
// naming the field `din`.
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "domain/product/din.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::product::Din d = rp::product::parse_din(text);
    if (d.text().size() != 13) __builtin_trap();
    if (!(rp::product::parse_din(d.with_check()) == d)) __builtin_trap();
    if (!(rp::product::parse_din(d.scan_data()) == d)) __builtin_trap();
    const int flag = std::stoi(d.flag());
    if (flag < 60 || flag > 96) __builtin_trap();
  } catch (const rp::InputError& e) {
    if (e.field() != "din") __builtin_trap();
  }
  return 0;
}
