#pragma once
// Content coding: a response to a client that accepts gzip (every browser does) goes
// compressed when that is worth it and safe. JSON and the web app's text shrink to a
// fifth or less, which is what a patient on a mobile connection waits for.
#include <string_view>

#include "api/http/message.hpp"

namespace rp::api::http {

// Smaller bodies are sent as they are: the gzip header and the work would not pay.
inline constexpr std::size_t kCompressFrom = 1024;

// Whether an Accept-Encoding header (RFC 9110 §12.5.3) accepts gzip: "gzip" or "x-gzip"
// with a q-value above 0, or, when neither is named, "*" with one. Codings are
// case-insensitive; an element with a malformed q-value accepts nothing.
bool accepts_gzip(std::string_view accept_encoding);

// Chooses the response's coding for this request. Compressed: answers to GET and HEAD
// (never to a state-changing request, whose answer may hold a fresh secret) with a text
// type, at least kCompressFrom bytes, and no secret in the body. A cached body's gzip form
// is made once (CompressibleText); another body is compressed here at the fast level.
void negotiate_encoding(const Request& request, Response& response);

}  // namespace rp::api::http
