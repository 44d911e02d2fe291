#pragma once
// An error answer in the language the client prefers. The body's reason and params
// (message.hpp) name the sentence in the error catalogue; for a client that prefers
// Persian the message becomes the catalogue's Persian sentence, its numbers in Persian
// digits and its dates Jalali. Content-Language says which language the message is in.
#include <string>
#include <string_view>

#include "api/http/message.hpp"

namespace rp::api::http {

void localize_error(Response& res, std::string_view accept_language);

// A header's value read from the raw bytes of a request head that was refused before
// it was parsed (431: too large), or "": the refusal still follows Accept-Language.
std::string raw_header_value(std::string_view head, std::string_view name);

}  // namespace rp::api::http
