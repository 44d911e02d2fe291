#include "api/http/compression.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "api/http/weighted_list.hpp"
#include "base/gzip.hpp"

namespace rp::api::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_text_type(std::string_view type) {
  return type.starts_with("application/json") || type.starts_with("text/") || type.starts_with("image/svg+xml") ||
         type.starts_with("application/manifest+json");
}

}  // namespace

bool accepts_gzip(std::string_view header) {
  std::optional<bool> named, wildcard;
  WeightedList list(header);
  std::string_view coding;
  std::optional<int> weight;
  while (list.next(coding, weight)) {
    const bool accepted = weight && *weight > 0;
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      named = named.value_or(false) || accepted;
    } else if (coding == "*") {
      wildcard = wildcard.value_or(false) || accepted;
    }
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
