#include "base/text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <string>

#include "base/error.hpp"

namespace rp {
namespace {

std::string code_point(UChar32 c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

bool is_bidi_control(UChar32 c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Hangul fillers are letters by their properties but show nothing: no name is made of them.
bool is_blank_letter(UChar32 c) { return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0; }

// Calls `each` with every code point; throws on invalid UTF-8.
template <typename F>
void for_each_code_point(std::string_view text, std::string_view field, F&& each) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < len) {
    UChar32 c = 0;
    U8_NEXT(s, i, len, c);
    if (c < 0) throw InputError(std::string(field), "invalid_utf8"_err);
    each(c);
  }
}

void check_code_point(UChar32 c, std::string_view field, bool multiline) {
  const bool allowed_control = c == '\t' || (multiline && c == '\n');
  if ((c < 0x20 && !allowed_control) || (c >= 0x7F && c <= 0x9F))
    throw InputError(std::string(field), "control_characters"_err);
  if (is_bidi_control(c))
    throw InputError(std::string(field), "bidi_control_character"_err, {{"code_point", code_point(c)}});
  if (c == 0x2028 || c == 0x2029)
    throw InputError(std::string(field), "line_separator_character"_err, {{"code_point", code_point(c)}});
}

}  // namespace

void check_typed_text(std::string_view text, std::string_view field, bool multiline) {
  // ASCII text (most of it) needs no decoding.
  bool ascii = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    check_code_point(c, field, multiline);
  }
  if (ascii) return;
  for_each_code_point(text, field, [&](UChar32 c) { check_code_point(c, field, multiline); });
}

void check_name(std::string_view text, std::string_view field) {
  bool letter = false;
  for_each_code_point(text, field, [&](UChar32 c) {
    check_code_point(c, field, false);
    if (c == '\t') throw InputError(std::string(field), "control_characters"_err);
    // Format characters (zero-width space, direction marks, the byte-order mark, soft
    // hyphen ...) are invisible; the joiners shape Persian words.
    if (u_charType(c) == U_FORMAT_CHAR && c != 0x200C && c != 0x200D)
      throw InputError(std::string(field), "invisible_character"_err, {{"code_point", code_point(c)}});
    letter = letter || (u_isalpha(c) && !is_blank_letter(c));
  });
  if (!letter) throw InputError(std::string(field), "name_without_letter"_err);
}

void check_reason(std::string_view reason, std::size_t max_bytes) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) throw InputError("reason", "required"_err);
  if (reason.size() > max_bytes)
    throw InputError("reason", "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(max_bytes)}});
  check_typed_text(reason, "reason");
}

}  // namespace rp
