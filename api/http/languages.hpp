#pragma once
// Which of the languages regenpath speaks a request prefers, from its Accept-Language
// header (RFC 9110 §12.5.4): the web app sends the language the user chose, so an error
// a Persian-speaking nurse meets is explained in Persian.
#include <string_view>

namespace rp::api::http {

// "fa" or "en": the supported language with the highest q-value, a language range
// matching by its primary subtag ("fa-IR" is Persian), the header's order breaking ties,
// "*" standing for any language not named. English when the header is empty, malformed
// or names neither.
std::string_view preferred_language(std::string_view accept_language);

}  // namespace rp::api::http
