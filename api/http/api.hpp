#pragma once
// The API without sockets: routes a Request to its handler after authentication
// (session cookie), the route's role gate, the CSRF check and idempotency replay, maps
// errors to {"error": {...}} responses, adds security headers and records metrics.
// The same object serves the real server, the tests and the fuzzers.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "api/http/message.hpp"
#include "api/http/metrics.hpp"
#include "api/http/router.hpp"
#include "api/http/static_files.hpp"
#include "api/routes.hpp"
#include "store/group_commit.hpp"

namespace rp::api::http {

inline constexpr const char* kSessionCookie = "rp_session";
inline constexpr const char* kCsrfCookie = "rp_csrf";

class Api {
 public:
  // `group_commit` (optional) is reported in /metrics, and /healthz reports whether its
  // disk takes writes.
  Api(Services& services, store::GroupCommitStore* group_commit);

  Response handle(Request& request);
  // A request whose route answers without holding a thread (Handler::blocks false): `reply`
  // is called once, here or on the store's committer thread, with a function that makes
  // the response (never throws); `request` must live until it has run. False when the
  // route has none: call handle().
  bool handle_async(Request& request, std::function<void(std::function<Response()>)> reply);
  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }

 private:
  Response dispatch(Request& request, const Route*& route);
  // Session, role and CSRF checks: the refusal, or nothing when the call may go ahead.
  std::optional<Response> admit(Request& request, const Route& route, std::optional<service::Principal>& principal);
  Response error_for(std::exception_ptr error, const Request& request, const Route* route);
  static const std::string& metrics_label(const Request& request, const Route* route);
  // Security headers, content coding and metrics, on every answer.
  void finish(Response& res, const Request& request, const Route* route, std::chrono::steady_clock::time_point start);
  Response with_idempotency(const Route& route, Call& call);

  Services& services_;
  store::GroupCommitStore* group_commit_;
  Router router_;
  StaticFiles web_app_;
  Metrics metrics_;
};

// The OpenAPI 3 document of a route table.
nlohmann::json openapi_document(const Router& router);

}  // namespace rp::api::http
