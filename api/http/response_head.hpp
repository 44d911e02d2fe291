#pragma once
// The status line and headers of a response, written in one piece. The server sends this
// and the body as two buffers of one write: building a Beast message put a heap block
// under every header and a second copy of the body on every answer, and for the most
// read record that was a fifth of the server's work.
#include <cstddef>
#include <string>

#include "api/http/message.hpp"

namespace rp::api::http {

// `version` is the request's (10 or 11); `content_length` the body's size, sent even for
// HEAD. The connection header says what keep_alive means for that version. Throws
// std::logic_error for a header name or value that could split the head (CR, LF, NUL, or
// a name that is not an HTTP token): headers come from code, so that is a bug.
std::string response_head(const Response& r, unsigned version, bool keep_alive, std::size_t content_length);

}  // namespace rp::api::http
