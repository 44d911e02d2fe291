#include "api/http/operations.hpp"

#include <sodium.h>

#include <array>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "service/store_health.hpp"

namespace rp::api::http {
namespace {

// BLAKE2b of a secret: comparing two digests of one fixed size takes the same time
// whatever the secrets' lengths and contents, so timing tells nothing about the token.
std::array<unsigned char, crypto_generichash_BYTES> digest(std::string_view secret) {
  std::array<unsigned char, crypto_generichash_BYTES> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  return out;
}

// The credentials of an `Authorization: Bearer <credentials>` header (the scheme's case
// does not matter), or nothing.
std::optional<std::string_view> bearer_credentials(std::string_view header) {
  constexpr std::string_view scheme = "bearer ";
  if (header.size() <= scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(header[i]))) != scheme[i]) return std::nullopt;
  }
  std::string_view credentials = header.substr(scheme.size());
  while (!credentials.empty() && credentials.front() == ' ') credentials.remove_prefix(1);
  while (!credentials.empty() && credentials.back() == ' ') credentials.remove_suffix(1);
  return credentials;
}

}  // namespace

Response health_check(store::Store& store, store::GroupCommitStore* group_commit) {
  if (group_commit) {
    const store::StorageHealth health = group_commit->recheck_storage();
    if (health.disk_full) {
      const auto degraded_for = std::chrono::steady_clock::now() - health.since;
      const nlohmann::json body = {
          {"status", "degraded"},
          {"reason", "disk_full"},
          {"message", "the disk is full: writes are refused with 507 until space is freed"},
          {"degraded_for_s", std::chrono::duration_cast<std::chrono::seconds>(degraded_for).count()}};
      return json_response(503, body.dump());
    }
  }
  service::check_store_answers(store);
  return json_response(200, nlohmann::json{{"status", "ok"}}.dump());
}

std::optional<Response> refuse_metrics_reader(const Request& request, const std::string& token) {
  if (token.empty()) return std::nullopt;
  const auto credentials = bearer_credentials(request.authorization);
  if (credentials && same_token(*credentials, token)) return std::nullopt;
  Response refused = error_response(401, "unauthorized", "metrics_token_required"_err, {}, "Authorization");
  refused.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"regenpath metrics\"");
  return refused;
}

bool same_token(std::string_view presented, std::string_view token) {
  return sodium_memcmp(digest(presented).data(), digest(token).data(), crypto_generichash_BYTES) == 0;
}

std::optional<Response> refuse_delivery_reporter(const Request& request, const std::string& token) {
  if (token.empty())
    return error_response(404, "not_found", "delivery_reports_off"_err, {{"key", "sms.delivery_report.token"}},
                          "sms.delivery_report.token");
  const auto credentials = bearer_credentials(request.authorization);
  const auto in_query = request.query.find("token");
  if (credentials ? same_token(*credentials, token)
                  : in_query != request.query.end() && same_token(in_query->second, token))
    return std::nullopt;
  Response refused = error_response(401, "unauthorized", "delivery_token_required"_err, {{"name", "token"}}, "token");
  refused.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"regenpath delivery reports\"");
  return refused;
}

}  // namespace rp::api::http
