#pragma once
// Rules for text a person types into a record. Some characters change how the text
// around them is shown, or hide themselves, without being seen: a name written with a
// right-to-left override reads differently on every screen, and one made of zero-width
// spaces looks empty. Such text is refused, naming the field and the character.
#include <cstddef>
#include <string_view>

namespace rp {

// Any text field: valid UTF-8 without control characters (C0 but tab and, when
// `multiline`, newline; DEL; C1), bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), or line and paragraph separators (U+2028, U+2029).
// Throws InputError(field).
void check_typed_text(std::string_view text, std::string_view field, bool multiline = true);

// Why someone undoes or takes down what was recorded (a payment reversed, a page or an
// evidence entry withdrawn): something in it, at most `max_bytes`, typed text. Throws
// InputError("reason", required | too_many_bytes | the character's rule).
inline constexpr std::size_t kMaxReasonBytes = 500;
void check_reason(std::string_view reason, std::size_t max_bytes = kMaxReasonBytes);

// A person's or a place's name: one line of check_typed_text, no invisible formatting
// character other than the zero-width non-joiner and joiner (U+200C, U+200D: Persian
// spelling needs them), and at least one letter. Throws InputError(field).
void check_name(std::string_view text, std::string_view field);

}  // namespace rp
