// Fuzzes the money readers (base/money.hpp): any text is an amount of rials in range that
// reads back the same from what it shows, in both languages, or an InputError naming the
// field; never a crash, an overflow or another exception.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "base/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool with_unit : {true, false}) {
    try {
      const rp::Money m = with_unit ? rp::parse_money(text, "price") : rp::rials_from_text(text, "price");
      if (m.in_rials() < 0 || m.in_rials() > rp::Money::kMaxRials) __builtin_trap();
      if (m.in_rials() % 10 == 0) {
        for (const char* unit : {" tomans", " تومان"}) {
          const std::string shown = m.tomans_text(unit[1] == 't' ? "en" : "fa") + unit;
          if (rp::parse_money(shown, "price") != m) __builtin_trap();
        }
      }
    } catch (const rp::InputError& e) {
      if (e.field() != "price") __builtin_trap();
    }
  }
  return 0;
}
