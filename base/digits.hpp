#pragma once
#include <string>
#include <string_view>

namespace rp {

// Replaces every Unicode decimal digit (Persian, Arabic-Indic, ...) with its ASCII
// digit, using ICU's character properties; other characters are kept as they are.
// Throws InputError(field) on invalid UTF-8.
std::string ascii_digits(std::string_view utf8, std::string_view field);

// Renders ASCII digits in a string as Persian digits (for fa display).
std::string persian_digits(std::string_view ascii);

}  // namespace rp
