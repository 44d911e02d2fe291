#include "api/http/api.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "api/fhir/operation_outcome.hpp"
#include "api/http/compression.hpp"
#include "api/http/error_language.hpp"
#include "api/http/json_body.hpp"
#include "api/http/operations.hpp"
#include "base/error.hpp"
#include "service/heavy_reads.hpp"
#include "service/idempotency.hpp"
#include "store/storage_errors.hpp"

namespace rp::api::http {
namespace {

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// What /healthz answers while healthy (the degraded 503 answers with its own fields).
struct Health {
  static constexpr const char* kSchema = "Health";
  std::string status;
  template <class V>
  static void fields(V& v) {
    v("status", &Health::status, "ok");
  }
};

// This document, as far as a client reads it: the parts are OpenAPI's own.
struct OpenApiDocument {
  static constexpr const char* kSchema = "OpenApiDocument";
  std::string openapi;
  AnyJson info, paths, components;
  template <class V>
  static void fields(V& v) {
    v("openapi", &OpenApiDocument::openapi, "the OpenAPI version, 3.0.x");
    v("info", &OpenApiDocument::info, "");
    v("paths", &OpenApiDocument::paths, "");
    v("components", &OpenApiDocument::components, "");
  }
};

// A query parameter the route does not read is refused, as an unknown field of a body
// is: a mistyped filter (?pateint=) must not silently widen what is shown. The parameter
// is named when it is short printable ASCII (the error is JSON, the name came from a URL).
void refuse_unknown_parameters(const Request& request, const Route& route) {
  for (const auto& [name, value] : request.query) {
    const bool declared =
        std::any_of(route.query.begin(), route.query.end(), [&name = name](const Param& p) { return p.name == name; });
    if (declared) continue;
    const bool nameable =
        name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) { return c > ' ' && c < 127; });
    throw InputError(nameable ? name : std::string("query"), "unknown_field"_err);
  }
}

const service::Actor& anonymous() {
  static const service::Actor a{"anonymous", service::Role::anonymous, "", false, std::nullopt};
  return a;
}

}  // namespace

Api::Api(Services& services, store::GroupCommitStore* group_commit)
    : services_(services), group_commit_(group_commit), web_app_(services.web_dir) {
  router_.add({"GET",
               "/healthz",
               "Health: 200 when the store opens a transaction and the disk takes writes; 503 \"degraded\" while "
               "the disk is full",
               kPublic,
               {},
               "",
               false,
               false,
               answering<Health>([this](Call&) { return health_check(services_.store, group_commit_); })});
  router_.add({"GET",
               "/metrics",
               "Prometheus metrics: requests, latency histogram, errors, store commit timings; asks for the "
               "configured metrics_token as a bearer token",
               kPublic,
               {},
               "",
               false,
               false,
               answering_text("text/plain", [this](Call& call) {
                 if (auto refused = refuse_metrics_reader(call.request, services_.metrics_token)) return *refused;
                 Response r;
                 r.content_type = "text/plain; version=0.0.4";
                 r.body = metrics_.render(group_commit_);
                 return r;
               })});
  router_.add({"GET",
               "/api/v1/openapi.json",
               "This document: OpenAPI 3, generated from the route table",
               kPublic,
               {},
               "",
               false,
               false,
               answering<OpenApiDocument>([this](Call&) { return ok(openapi_document(router_)); })});
  add_all_routes(router_, services_);
}

Response Api::error_for(std::exception_ptr error, const Request& request, const Route* route) {
  Response res;
  try {
    std::rethrow_exception(std::move(error));
  } catch (const service::TooManyAttemptsError& e) {
    res = error_response(429, "too_many_attempts", e);
    if (e.retry_after_s() > 0) res.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s()));
  } catch (const service::HeavyReadsBusy& e) {
    res = error_response(503, "busy", e);
    res.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s()));
  } catch (const service::UnauthorizedError& e) {
    res = error_response(401, "unauthorized", e);
  } catch (const ForbiddenError& e) {
    res = error_response(403, "forbidden", e);
  } catch (const NotFoundError& e) {
    res = error_response(404, "not_found", e);
  } catch (const ConflictError& e) {
    res = error_response(409, "conflict", e);
  } catch (const MalformedBody& e) {
    res = error_response(400, "malformed_json", e);
  } catch (const InputError& e) {
    res = error_response(422, "invalid", e);
  } catch (const store::StorageFullError& e) {
    // 507 rather than 500: the request was fine and may be sent again once space is freed.
    spdlog::error("write refused on {} {}: {}", request.method, route ? route->path : "?", e.what());
    res = error_response(507, "insufficient_storage", "disk_full"_err);
  } catch (const std::exception& e) {
    // Engine messages name tables and constraints, never values: safe to log.
    spdlog::error("internal error on {} {}: {}", request.method, route ? route->path : "?", e.what());
    res = error_response(500, "internal", "internal"_err);
  }
  return res;
}

const std::string& Api::metrics_label(const Request& request, const Route* route) {
  // The web app's files are one series, not one per file nor lumped with unknown paths.
  static const std::string static_files = "static", unmatched = "unmatched";
  if (route) return route->path;
  return StaticFiles::serves(request) ? static_files : unmatched;
}

void Api::finish(Response& res, const Request& request, const Route* route,
                 std::chrono::steady_clock::time_point start) {
  add_security_headers(res, services_.tls);
  localize_error(res, request.accept_language);
  // A FHIR client is answered an OperationOutcome, as FHIR answers errors.
  if (res.status >= 400 && request.path.rfind("/fhir/", 0) == 0)
    if (auto outcome = fhir::operation_outcome(res.body_text())) {
      res.shared_body.reset();
      res.body = std::move(*outcome);
      res.content_type = "application/fhir+json";
    }
  negotiate_encoding(request, res);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.observe(metrics_label(request, route), request.method, res.status, seconds);
}

Response Api::handle(Request& request) {
  const auto start = std::chrono::steady_clock::now();
  const Route* route = nullptr;
  Response res;
  try {
    res = dispatch(request, route);
  } catch (...) {
    res = error_for(std::current_exception(), request, route);
  }
  finish(res, request, route, start);
  return res;
}

bool Api::handle_async(Request& request, std::function<void(std::function<Response()>)> reply) {
  if (StaticFiles::serves(request)) return false;
  const Match m = router_.match(request);
  // A handler that may wait for the store runs on the worker pool (handle), as does a
  // creating route whose use case records the key it is handed (keyed_creation).
  if (!m.route || m.route->handler.blocks || (m.route->creates && !m.route->idempotent_in_service)) return false;
  const auto start = std::chrono::steady_clock::now();
  const Route* route = m.route;
  // Called once, here or on the store's committer thread; the response is made where
  // the server runs it. `request` lives until then.
  auto answer = [this, &request, route, start, reply = std::move(reply)](std::function<Response()> make) {
    reply([this, &request, route, start, make = std::move(make)] {
      Response res;
      try {
        res = make();
      } catch (...) {
        res = error_for(std::current_exception(), request, route);
      }
      finish(res, request, route, start);
      return res;
    });
  };
  try {
    std::optional<service::Principal> principal;
    if (auto refused = admit(request, *route, principal)) {
      answer([res = std::move(*refused)] { return res; });
      return true;
    }
    Call call{request, principal ? &*principal : nullptr, principal ? principal->actor : anonymous()};
    route->handler.run(call, answer);
  } catch (...) {
    answer([error = std::current_exception()]() -> Response { std::rethrow_exception(error); });
  }
  return true;
}

std::optional<Response> Api::admit(Request& request, const Route& route, std::optional<service::Principal>& principal) {
  if (changes_state(request.method) && !request.body.empty() &&
      request.content_type.rfind("application/json", 0) != 0 &&
      !(route.takes_form && request.content_type.rfind("application/x-www-form-urlencoded", 0) == 0)) {
    return error_response(415, "unsupported_media_type", "unsupported_media_type"_err, {}, "Content-Type");
  }
  if (const std::string token = cookie_value(request.cookie, kSessionCookie); !token.empty())
    principal = services_.auth.session(token);
  if (!route.is_public()) {
    if (!principal) return error_response(401, "unauthorized", "sign_in_first"_err, {}, "session");
    const std::string role(service::to_string(principal->actor.role));
    if (!route.allows(role)) return error_response(403, "forbidden", "forbidden_route"_err, {{"role", role}}, "role");
    // Double-submit: a cross-site form cannot read the token to send it back.
    if (changes_state(request.method) && !same_secret(request.csrf_token, principal->csrf))
      return error_response(403, "csrf", "csrf_token"_err, {}, "X-CSRF-Token");
  }
  refuse_unknown_parameters(request, route);
  return std::nullopt;
}

Response Api::dispatch(Request& request, const Route*& route) {
  if (StaticFiles::serves(request)) return web_app_.serve(request);
  const Match m = router_.match(request);
  if (!m.route) {
    if (m.path_known)
      return error_response(405, "method_not_allowed", "method_not_allowed"_err, {{"method", request.method}});
    return error_response(404, "not_found", "no_such_route"_err);
  }
  route = m.route;
  std::optional<service::Principal> principal;
  if (auto refused = admit(request, *route, principal)) return *refused;
  if (route->creates && !route->idempotent_in_service && principal && !request.idempotency_key.empty())
    return keyed_creation(*route, request, *principal);
  Call call{request, principal ? &*principal : nullptr, principal ? principal->actor : anonymous()};
  return run_now(route->handler, call);
}

Response Api::keyed_creation(const Route& route, Request& request, const service::Principal& principal) {
  // The use case records and replays the key in its own transaction (service/idempotency.hpp).
  service::RequestContext context;
  context.idempotency_key = request.idempotency_key;
  context.route = route.method + " " + request.path;
  context.request_id = context.route + " body " + service::token_hash(request.body);
  service::Actor actor = principal.actor;
  actor.request = &context;
  Call call{request, &principal, actor};
  Response r;
  try {
    r = run_now(route.handler, call);
  } catch (const service::RecordedAnswer& earlier) {
    r = json_response(earlier.status(), earlier.body());
  }
  if (context.replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  if (r.status >= 200 && r.status < 300 && !context.replayed && !context.recorded)
    spdlog::error("{} {} created without recording its Idempotency-Key", route.method, route.path);
  return r;
}

}  // namespace rp::api::http
