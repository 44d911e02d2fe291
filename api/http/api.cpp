#include "api/http/api.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <utility>

#include "api/http/compression.hpp"
#include "api/http/json_body.hpp"
#include "api/http/languages.hpp"
#include "api/http/messages_fa.hpp"
#include "api/http/operations.hpp"
#include "base/error.hpp"
#include "store/storage_errors.hpp"

namespace rp::api::http {
namespace {

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

const service::Actor& anonymous() {
  static const service::Actor a{"anonymous", "public", "", false, std::nullopt};
  return a;
}

// An error's message in the language the client prefers: Persian when the client asks
// for it and the catalogue knows the message. Code and field stay as they are, for
// programs; Content-Language says which language the message is in.
void localize_error(Response& res, const Request& request) {
  if (res.status < 400) return;
  res.varies_by_language = true;
  const auto language = [&res](const char* tag) { res.headers.emplace_back("Content-Language", tag); };
  if (request.accept_language.empty() || preferred_language(request.accept_language) != "fa") return language("en");
  nlohmann::json body = nlohmann::json::parse(res.body_text(), nullptr, false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return;
  nlohmann::json& message = body["error"]["message"];
  if (!message.is_string()) return;
  const auto persian = persian_message(message.get<std::string>());
  if (!persian) return language("en");
  message = *persian;
  res.shared_body.reset();
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  language("fa");
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
               [this](Call&) { return health_check(services_.store, group_commit_); }});
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
               [this](Call&) { return ok(openapi_document(router_)); }});
  add_all_routes(router_, services_);
}

Response Api::error_for(std::exception_ptr error, const Request& request, const Route* route) {
  Response res;
  try {
    std::rethrow_exception(std::move(error));
  } catch (const service::TooManyAttemptsError& e) {
    res = error_response(429, "too_many_attempts", e.what(), e.field());
    if (e.retry_after_s() > 0) res.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s()));
  } catch (const service::UnauthorizedError& e) {
    res = error_response(401, "unauthorized", e.what(), e.field());
  } catch (const ForbiddenError& e) {
    res = error_response(403, "forbidden", e.what(), e.field());
  } catch (const NotFoundError& e) {
    res = error_response(404, "not_found", e.what(), e.field());
  } catch (const ConflictError& e) {
    res = error_response(409, "conflict", e.what(), e.field());
  } catch (const InputError& e) {
    res = error_response(422, "invalid", e.what(), e.field());
  } catch (const MalformedBody& e) {
    res = error_response(400, "malformed_json", e.what(), "body");
  } catch (const store::StorageFullError& e) {
    // 507 rather than 500: the request was fine and may be sent again once space is freed.
    spdlog::error("write refused on {} {}: {}", request.method, route ? route->path : "?", e.what());
    res = error_response(507, "insufficient_storage",
                         "the server's disk is full, so nothing was saved; try again later or tell the operator");
  } catch (const std::exception& e) {
    // Engine messages name tables and constraints, never values: safe to log.
    spdlog::error("internal error on {} {}: {}", request.method, route ? route->path : "?", e.what());
    res = error_response(500, "internal", "internal error; the request changed nothing");
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
  localize_error(res, request);
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
  // creating route whose key the API records (with_idempotency).
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
      request.content_type.rfind("application/json", 0) != 0) {
    return error_response(415, "unsupported_media_type", "send the body as application/json", "Content-Type");
  }
  if (const std::string token = cookie_value(request.cookie, kSessionCookie); !token.empty())
    principal = services_.auth.session(token);
  if (!route.is_public()) {
    if (!principal)
      return error_response(401, "unauthorized", "sign in first (no session or session expired)", "session");
    if (!route.allows(principal->actor.role))
      return error_response(403, "forbidden", "role '" + principal->actor.role + "' may not call this route", "role");
    // Double-submit: a cross-site form cannot read the token to send it back.
    if (changes_state(request.method) && !same_secret(request.csrf_token, principal->csrf))
      return error_response(403, "csrf", "missing or wrong X-CSRF-Token header", "X-CSRF-Token");
  }
  return std::nullopt;
}

Response Api::dispatch(Request& request, const Route*& route) {
  if (StaticFiles::serves(request)) return web_app_.serve(request);
  const Match m = router_.match(request);
  if (!m.route) {
    if (m.path_known) return error_response(405, "method_not_allowed", "this path does not take " + request.method);
    return error_response(404, "not_found", "no such route");
  }
  route = m.route;
  std::optional<service::Principal> principal;
  if (auto refused = admit(request, *route, principal)) return *refused;
  Call call{request, principal ? &*principal : nullptr, principal ? principal->actor : anonymous()};
  if (route->creates && !route->idempotent_in_service && !request.idempotency_key.empty() && principal)
    return with_idempotency(*route, call);
  return run_now(route->handler, call);
}

Response Api::with_idempotency(const Route& route, Call& call) {
  const std::string& key = call.request.idempotency_key;
  if (key.size() > 128) throw InputError("Idempotency-Key", "must be at most 128 bytes");
  const std::string route_id = route.method + " " + call.request.path;
  // The same key with another body is another request: refused, never replayed as if equal.
  const std::string request_id = route_id + " body " + service::token_hash(call.request.body);
  Response r;
  // The handler runs inside the transaction that records the key, so the created row and
  // its key commit together: a retry after a crash finds both or neither. The service's
  // own write joins this transaction (the store runs nested writes inside it).
  services_.store.write([&](store::Transaction& tx) {
    if (const auto earlier = tx.find_idempotency(call.actor.user, key)) {
      // route_id alone: a key recorded before bodies were part of it.
      if (earlier->route != request_id && earlier->route != route_id) {
        throw ConflictError("Idempotency-Key",
                            "this key was already used for a different request (another path or body); send a new "
                            "key for a new request");
      }
      r = json_response(earlier->status, earlier->response);
      r.headers.emplace_back("Idempotent-Replayed", "true");
      return;
    }
    r = run_now(route.handler, call);
    if (r.status >= 200 && r.status < 300)
      tx.insert_idempotency(
          {call.actor.user, key, request_id, r.status, std::string(r.body_text()), services_.clock.now_iso()});
  });
  return r;
}

}  // namespace rp::api::http
