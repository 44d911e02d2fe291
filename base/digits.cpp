#include "base/digits.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/error.hpp"

namespace rp {

std::string ascii_digits(std::string_view utf8, std::string_view field) {
  std::string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t len = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < len) {
    UChar32 c;
    const int32_t start = i;
    U8_NEXT(s, i, len, c);
    if (c < 0) throw InputError(std::string(field), "invalid_utf8"_err);
    const int32_t digit = u_charType(c) == U_DECIMAL_DIGIT_NUMBER ? u_charDigitValue(c) : -1;
    if (digit >= 0) {
      out.push_back(static_cast<char>('0' + digit));
    } else {
      out.append(utf8.substr(start, i - start));
    }
  }
  return out;
}

std::string persian_digits(std::string_view ascii) {
  std::string out;
  out.reserve(ascii.size() * 2);
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      // U+06F0 EXTENDED ARABIC-INDIC DIGIT ZERO, as written in Persian.
      const unsigned cp = 0x06F0 + unsigned(c - '0');
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace rp
