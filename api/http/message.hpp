#pragma once
// Requests and responses as the API sees them: plain data, no Beast types, so routing,
// authentication and the handlers compile fast and can be tested and fuzzed without a
// socket. The server (server.cpp) converts to and from Beast's messages.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/compressible_text.hpp"
#include "base/error.hpp"

namespace rp::api::http {

class EventStream;  // api/http/event_stream.hpp

struct Request {
  std::string method;  // GET, POST, ...
  std::string path;    // percent-decoded, without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> params;  // from the route's path template
  std::string body;
  // The headers the API reads.
  std::string content_type, cookie, csrf_token, idempotency_key, accept_encoding, accept_language;
  std::string authorization;  // read by /metrics only (its bearer token); sessions use the cookie
  // Read by the FHIR Bulk Data export: its kick-off asks Prefer: respond-async, and its
  // answers name the status and files by absolute URL, on the host the client called.
  std::string host, prefer;
  // The IP address of the socket's peer (the proxy's, behind a reverse proxy), and the
  // X-Forwarded-For header, which client_address.hpp believes only from a trusted proxy:
  // sign-in attempts are counted per client address.
  std::string peer_address, forwarded_for;
  bool tls = false;
};

// A body sent in parts as they are read (a stored export's file, kept in the database a
// mebibyte at a time), so that no answer holds a large file whole: `size` bytes in all,
// the head's Content-Length; `read(i)` gives part i (0 to count - 1) and runs on a worker
// thread. A part that cannot be read, or parts that do not add up to `size`, end the
// connection: the client sees a body cut short, never a wrong one.
struct BodyParts {
  std::int64_t size = 0;
  int count = 0;
  std::function<std::string(int)> read;
};

struct Response {
  int status = 200;
  std::string body;
  // A body shared with a cache, sent without a copy (its gzip form made once); when set,
  // `body` is empty.
  std::shared_ptr<const CompressibleText> shared_body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // An answer to HEAD: Content-Length tells the body's size, the body itself is not sent.
  bool head = false;
  // Set by add_security_headers: the head carries CSP, frame, sniffing, referrer and
  // opener policies, no-store unless a Cache-Control header is given, and HSTS under TLS.
  bool secured = false;
  bool hsts = false;
  // A body holding a secret (a CSRF token) is never compressed: compressed beside text an
  // attacker chose, its length would leak the secret (BREACH).
  bool carries_secret = false;
  // Set by negotiate_encoding: the body goes as gzip (Content-Encoding), and the answer
  // depended on Accept-Encoding (Vary).
  bool gzip = false;
  bool varies_by_encoding = false;
  // Set by the API on an error: its message follows Accept-Language (Vary).
  bool varies_by_language = false;
  // A stream of events (text/event-stream) that follows the head instead of a body: the
  // head has no Content-Length and the connection closes when the stream ends.
  std::shared_ptr<EventStream> stream;
  // Set for a body sent in parts (`body` is then empty): never compressed by the server,
  // already gzip when its maker set `gzip` with it (the registry's NDJSON).
  std::shared_ptr<BodyParts> parts;

  // What goes on the wire: the gzip form when chosen.
  std::string_view body_text() const {
    if (!shared_body) return body;
    return gzip ? shared_body->gzip() : shared_body->text();
  }
};

// The security headers every response carries, as they go on the wire.
inline constexpr std::string_view kSecurityHeaders =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Frame-Options: DENY\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

// Splits "/a/b?x=1&y=%20" into a decoded path and query map. Returns false for a target
// that is not origin-form or has bad percent-encoding (the server answers 400).
bool parse_target(std::string_view target, Request& out);
std::string percent_decode(std::string_view s, bool plus_is_space, bool& ok);

// The value of one cookie in a Cookie header, or "".
std::string cookie_value(std::string_view header, std::string_view name);

// {"error": {"code", "message", "field", "reason", "params"}}: code is the kind of refusal
// (invalid, not_found, forbidden, ...), reason the error catalogue's code for the sentence
// (messages/errors.json) and params its values as text; message is the English sentence,
// which localize_error (error_language.hpp) turns into the client's language.
Response error_response(int status, std::string_view code, const InputError& e);
Response error_response(int status, std::string_view code, ErrorCode reason, const ErrorParams& params = {},
                        std::string_view field = "");
Response json_response(int status, std::string json_text);

// CSP, frame-ancestors, nosniff, referrer policy, no caching of API data, and HSTS
// under TLS (kSecurityHeaders, written by response_head). Every response gets them,
// errors included.
void add_security_headers(Response& r, bool tls);
Response shared_json_response(int status, std::shared_ptr<const CompressibleText> json_text);

}  // namespace rp::api::http
