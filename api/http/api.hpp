#pragma once
// The API without sockets: routes a Request to its handler after authentication
// (session cookie), the route's role gate, the CSRF check and idempotency replay, maps
// errors to {"error": {...}} responses, adds security headers and records metrics.
// The same object serves the real server, the tests and the fuzzers.
#include <memory>

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
  // `group_commit` (optional) is reported in /metrics.
  Api(Services& services, const store::GroupCommitStore* group_commit);

  Response handle(Request& request);
  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }

 private:
  Response dispatch(Request& request, const Route*& route);
  Response with_idempotency(const Route& route, Call& call);

  Services& services_;
  const store::GroupCommitStore* group_commit_;
  Router router_;
  StaticFiles web_app_;
  Metrics metrics_;
};

// The OpenAPI 3 document of a route table.
nlohmann::json openapi_document(const Router& router);

}  // namespace rp::api::http
