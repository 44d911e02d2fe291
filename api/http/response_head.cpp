#include "api/http/response_head.hpp"

#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <stdexcept>
#include <string_view>

namespace rp::api::http {
namespace {

// RFC 9110 token characters.
bool is_token(std::string_view s) {
  static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
  });
}

bool is_field_value(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

void add(std::string& out, std::string_view name, std::string_view value) {
  if (!is_token(name) || !is_field_value(value))
    throw std::logic_error("response header would break the head: " + std::string(name));
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string response_head(const Response& r, unsigned version, bool keep_alive, std::size_t content_length) {
  const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(r.status));
  std::string out;
  out.reserve(kSecurityHeaders.size() + 256);
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
      .append(std::to_string(r.status))
      .append(" ")
      .append(reason.data(), reason.size())
      .append("\r\n");
  add(out, "Server", "regenpath");
  add(out, "Content-Type", r.content_type);
  bool has_cache_policy = false;
  for (const auto& [name, value] : r.headers) {
    add(out, name, value);
    has_cache_policy = has_cache_policy || name == "Cache-Control";
  }
  if (r.secured) {
    out.append(kSecurityHeaders);
    // API data is never cached; a response that chose its own policy (the web app's
    // hashed assets) keeps it.
    if (!has_cache_policy) out.append("Cache-Control: no-store\r\n");
    if (r.hsts) out.append("Strict-Transport-Security: max-age=31536000\r\n");
  }
  if (r.gzip) out.append("Content-Encoding: gzip\r\n");
  if (r.varies_by_encoding && r.varies_by_language) {
    out.append("Vary: Accept-Encoding, Accept-Language\r\n");
  } else if (r.varies_by_encoding) {
    out.append("Vary: Accept-Encoding\r\n");
  } else if (r.varies_by_language) {
    out.append("Vary: Accept-Language\r\n");
  }
  // An event stream's body is delimited by the connection's end.
  if (!r.stream) out.append("Content-Length: ").append(std::to_string(content_length)).append("\r\n");
  // HTTP/1.1 keeps the connection unless told; HTTP/1.0 closes it unless told.
  if (version == 10 && keep_alive) out.append("Connection: keep-alive\r\n");
  if (version != 10 && !keep_alive) out.append("Connection: close\r\n");
  out.append("\r\n");
  return out;
}

}  // namespace rp::api::http
