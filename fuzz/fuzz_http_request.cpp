// The request-line and header pieces regenpath parses itself (Beast parses the framing):
// the target (path, percent-decoding, query), cookies, Accept-Encoding and
// Accept-Language (q-values), routing against the full route table, and the bearer
// token /metrics may ask for. Nothing may crash,
// hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/http/compression.hpp"
#include "api/http/languages.hpp"
#include "api/http/message.hpp"
#include "api/http/operations.hpp"
#include "api/http/router.hpp"

namespace {

rp::api::http::Router& router() {
  static rp::api::http::Router r = [] {
    rp::api::http::Router out;
    for (const char* path : {"/api/v1/patients", "/api/v1/patients/{patient_id}", "/api/v1/episodes/{episode_id}",
                             "/api/v1/episodes/{episode_id}/schedule/{item_id}", "/api/v1/q/{token}"}) {
      out.add({"GET", path, "", rp::api::http::kPublic, {}, "", false, false, nullptr});
    }
    return out;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\n');
  rp::api::http::Request req;
  // The method from the input's length, so GET, HEAD (matched as GET) and POST all run.
  static const char* methods[] = {"GET", "HEAD", "POST"};
  req.method = methods[size % 3];
  if (rp::api::http::parse_target(input.substr(0, split), req)) router().match(req);
  if (split != std::string::npos) {
    rp::api::http::cookie_value(input.substr(split + 1), "rp_session");
    const std::string_view header = std::string_view(input).substr(split + 1);
    rp::api::http::accepts_gzip(header);
    rp::api::http::preferred_language(header);
    // The Authorization header as /metrics reads it (the bearer token check).
    req.authorization = std::string(header);
    rp::api::http::refuse_metrics_reader(req, "fuzz-metrics-token-0123");
  }
  return 0;
}
