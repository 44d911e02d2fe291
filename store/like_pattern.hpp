#pragma once
// A LIKE pattern that matches text containing `text` literally: SQL's LIKE, with an
// ESCAPE clause, is how both engines ask "contains" (SQLite's instr() is SQLite's alone).
// Statements using it write `LIKE ? ESCAPE '\'`, with the other side lower()ed where the
// match ignores case.
#include <string>
#include <string_view>

namespace rp::store {

// '%' + text with '\', '%' and '_' escaped by '\' + '%': a name holding % or _ matches
// only those characters, never any text.
inline std::string contains_pattern(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '%';
  for (const char c : text) {
    if (c == '\\' || c == '%' || c == '_') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace rp::store
