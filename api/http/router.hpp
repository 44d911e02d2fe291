#pragma once
// The route table: every route carries its method, path template, summary, parameters,
// the permission it needs and its typed request and answer, so the OpenAPI document and
// the role × route matrix test are generated from the same table the server dispatches on.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "api/http/message.hpp"
#include "service/actor.hpp"
#include "service/auth.hpp"

namespace rp::api::http {

struct Param {
  std::string name;
  std::string description;
  bool required = false;
  std::string type = "string";  // string | integer
  TypeSchema schema;            // set for a typed parameter (api/http/query.hpp): used instead of `type`
};

// What a handler gets: the request and who is making it.
struct Call {
  const Request& request;
  const service::Principal* principal;  // null on public routes
  const service::Actor& actor;          // an anonymous actor on public routes
};

// Answers once, through `reply`, without holding a thread while it waits: the timeline
// read waits only for its audit row's commit. `reply` takes a function that makes the
// response (or throws the error): the server runs it on the connection's own thread, so
// the thread that calls reply (the store's committer) only hands it over. The Call is
// valid only during the call itself.
using Reply = std::function<void(std::function<Response()> make)>;
using AsyncHandler = std::function<void(Call&, Reply)>;

// An answer with a status other than 200.
template <class T>
struct Created {
  T value;
};
template <class T>
struct Accepted {
  T value;
};

// A route's one handler, always in the asynchronous style. Made from any of:
//   [](Call&, Reply)                     answers later (the server's thread is not held);
//   [](Call&) -> Response                answers at once, undocumented answer;
//   [](Call&) -> T | Created<T> | ...    answers at once with a typed answer;
//   [](Call&, const In&) -> ...          the same, with the body decoded as In.
// Handlers that answer at once may wait for the store (a group commit): the server runs
// them on its worker pool (`blocks`), the others on the connection's thread.
struct Handler {
  AsyncHandler run;
  bool blocks = true;
  TypeSchema request, answer;
  int status = 200;                               // of a typed answer
  std::string answer_media = "application/json";  // of the answer
  std::vector<std::string> more_media;            // other media the answer may be (a query chooses)
  // Other successes a handler answers by hand, with what each means (the FHIR Bulk Data
  // status: 202 while running, 200 once done); their body is of the answer's media.
  std::vector<std::pair<int, std::string>> more_statuses;
  std::vector<Param> query;  // the typed query it reads (querying<Q>, api/http/query.hpp)

  Handler() = default;
  Handler(std::nullptr_t) {}
  template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, Handler>, int> = 0>
  Handler(F f);

  explicit operator bool() const { return static_cast<bool>(run); }
};

// Runs a handler and waits for its answer: for callers that have a thread to spend (the
// worker pool, the idempotency transaction, tests).
Response run_now(const Handler& handler, Call& call);

// Documents an answer a handler makes by hand (it sets cookies or headers).
template <class T, class F>
Handler answering(F f, int status = 200) {
  Handler h(std::move(f));
  h.answer = type_schema<T>();
  h.status = status;
  return h;
}

// Documents the body of a handler that decodes it by hand (rules across fields).
template <class In, class F>
Handler taking(F f) {
  Handler h(std::move(f));
  h.request = request_schema<In>();
  return h;
}

// Documents an answer that is not JSON (CSV, text, an event stream): a string.
template <class F>
Handler answering_text(std::string media, F f) {
  Handler h(std::move(f));
  h.answer = {[](SchemaSet&) { return nlohmann::json{{"type", "string"}}; }};
  h.answer_media = std::move(media);
  return h;
}

// Documents an answer that is a file in one of several media (a label as SVG or PDF).
template <class F>
Handler answering_files(std::vector<std::string> media, F f) {
  Handler h(std::move(f));
  h.answer = {[](SchemaSet&) { return nlohmann::json{{"type", "string"}, {"format", "binary"}}; }};
  h.answer_media = media.front();
  h.more_media.assign(media.begin() + 1, media.end());
  return h;
}

// Who may call a route: anyone (public), or the holders of one permission, as the
// permission table in service/actor.cpp says.
struct Public {};
inline constexpr Public kPublic{};
struct Access {
  std::optional<service::Permission> permission;  // none: public
  Access(Public) {}
  Access(service::Permission p) : permission(p) {}
};

struct Route {
  std::string method;  // GET | POST | PUT | PATCH | DELETE
  std::string path;    // /api/v1/episodes/{episode_id}
  std::string summary;
  Access access;
  // The query parameters it reads: any other is refused. A handler made by querying<Q>
  // brings its own (leave this empty then).
  std::vector<Param> query;
  std::string body;  // a one-line description of the JSON body, empty when none
  // A creating POST: honours an Idempotency-Key header. `idempotent_in_service`
  // routes pass the key to the service, which stores it in the same transaction.
  bool creates = false;
  bool idempotent_in_service = false;
  Handler handler;
  // Takes a form body (application/x-www-form-urlencoded) as well as JSON: a provider's
  // callback whose format is the provider's. Every other route refuses one with 415.
  bool takes_form = false;

  bool allows(std::string_view role) const;
  bool is_public() const { return !access.permission; }
  // The roles the permission table allows, or {"public"}.
  std::vector<std::string> roles() const;
  // Path parameter names in template order ("episode_id", ...).
  std::vector<std::string> path_params() const;
};

struct Match {
  const Route* route = nullptr;
  bool path_known = false;  // some route has this path (405 rather than 404)
};

class Router {
 public:
  void add(Route r);
  // Fills request.params on a match. HEAD matches the GET route.
  Match match(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // A path template split once, when the route is added: matching ran on every request
  // and splitting each template there (a vector per route) was a tenth of a read's cost.
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool param = false;
  };
  struct Compiled {
    std::vector<Segment> segments;
    std::size_t params = 0;
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;  // parallel to routes_
};

namespace handler_detail {

template <class T>
struct answer_of {
  using type = T;
  static constexpr int status = 200;
  static const T& value(const T& v) { return v; }
};
template <class T>
struct answer_of<Created<T>> {
  using type = T;
  static constexpr int status = 201;
  static const T& value(const Created<T>& v) { return v.value; }
};
template <class T>
struct answer_of<Accepted<T>> {
  using type = T;
  static constexpr int status = 202;
  static const T& value(const Accepted<T>& v) { return v.value; }
};

// The body type of a handler taking (Call&, const In&).
template <class M>
struct second_arg;
template <class C, class R, class A1, class A2>
struct second_arg<R (C::*)(A1, A2) const> {
  using type = std::decay_t<A2>;
};

Response typed_response(int status, const nlohmann::json& body);

// The answer of a handler that answers at once, typed or not, made into a Response.
template <class R>
Response respond(R&& r) {
  using D = std::decay_t<R>;
  if constexpr (std::is_same_v<D, Response>) {
    return std::forward<R>(r);
  } else {
    using A = answer_of<D>;
    return typed_response(A::status, encode(A::value(r)));
  }
}

template <class R>
void document_answer(Handler& h) {
  using D = std::decay_t<R>;
  if constexpr (!std::is_same_v<D, Response>) {
    h.answer = type_schema<typename answer_of<D>::type>();
    h.status = answer_of<D>::status;
  }
}

// Runs `make` now and hands its response, or its error, to `reply`.
template <class Make>
void answer_now(const Reply& reply, Make make) {
  std::optional<Response> res;
  try {
    res = make();
  } catch (...) {
    reply([error = std::current_exception()]() -> Response { std::rethrow_exception(error); });
    return;
  }
  reply([res = std::move(*res)] { return res; });
}

}  // namespace handler_detail

template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, Handler>, int>>
Handler::Handler(F f) {
  using namespace handler_detail;
  if constexpr (std::is_invocable_v<F&, Call&, Reply>) {
    run = std::move(f);
    blocks = false;
  } else if constexpr (std::is_invocable_v<F&, Call&>) {
    document_answer<std::invoke_result_t<F&, Call&>>(*this);
    run = [f = std::move(f)](Call& c, Reply reply) { answer_now(reply, [&] { return respond(f(c)); }); };
  } else {
    using In = typename second_arg<decltype(&F::operator())>::type;
    request = request_schema<In>();
    document_answer<std::invoke_result_t<F&, Call&, const In&>>(*this);
    run = [f = std::move(f)](Call& c, Reply reply) {
      answer_now(reply, [&] { return respond(f(c, decode<In>(parse_json_object(c.request.body)))); });
    };
  }
}

}  // namespace rp::api::http
