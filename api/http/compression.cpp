#include "api/http/compression.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/gzip.hpp"

namespace rp::api::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// RFC 9110 qvalue: "0" or "1" with up to three decimals, 1 at most. Nothing when malformed.
std::optional<int> thousandths(std::string_view q) {
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
  int value = (q[0] - '0') * 1000;
  if (q.size() == 1) return value;
  if (q[1] != '.' || q.size() > 5) return std::nullopt;
  int scale = 100;
  for (const char c : q.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value <= 1000 ? std::optional<int>(value) : std::nullopt;
}

// The element's weight: 1000 without a q parameter, nothing when a parameter is malformed.
std::optional<int> weight(std::string_view params) {
  int q = 1000;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = trim(params.substr(0, semi));
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && iequals(trim(param.substr(0, eq)), "q")) {
      const auto parsed = thousandths(trim(param.substr(eq + 1)));
      if (!parsed) return std::nullopt;
      q = *parsed;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return q;
}

bool is_text_type(std::string_view type) {
  return type.starts_with("application/json") || type.starts_with("text/") || type.starts_with("image/svg+xml") ||
         type.starts_with("application/manifest+json");
}

}  // namespace

bool accepts_gzip(std::string_view header) {
  std::optional<bool> named, wildcard;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view element = header.substr(0, comma);
    const auto semi = element.find(';');
    const std::string_view coding = trim(element.substr(0, semi));
    const auto w = weight(semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1));
    const bool accepted = w && *w > 0;
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      named = named.value_or(false) || accepted;
    } else if (coding == "*") {
      wildcard = wildcard.value_or(false) || accepted;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return named ? *named : wildcard.value_or(false);
}

void negotiate_encoding(const Request& request, Response& response) {
  if (request.method != "GET" && request.method != "HEAD") return;
  if (response.carries_secret || response.gzip || !is_text_type(response.content_type)) return;
  const std::size_t size = response.shared_body ? response.shared_body->text().size() : response.body.size();
  if (size < kCompressFrom) return;
  response.varies_by_encoding = true;
  if (!accepts_gzip(request.accept_encoding)) return;
  if (response.shared_body) {
    response.gzip = response.shared_body->gzip().size() < size;
    return;
  }
  std::string packed = gzip_compress(response.body, 1);
  if (packed.size() >= size) return;
  response.body = std::move(packed);
  response.gzip = true;
}

}  // namespace rp::api::http
