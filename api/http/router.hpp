#pragma once
// The route table: every route carries its method, path template, summary, parameters
// and roles, so the OpenAPI document and the role × route matrix test are generated
// from the same table the server dispatches on.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/http/message.hpp"
#include "service/auth.hpp"

namespace rp::api::http {

struct Param {
  std::string name;
  std::string description;
  bool required = false;
  std::string type = "string";  // string | integer
};

// What a handler gets: the request and who is making it.
struct Call {
  const Request& request;
  const service::Principal* principal;  // null on public routes
  const service::Actor& actor;          // an anonymous actor on public routes
};

using Handler = std::function<Response(Call&)>;
// Answers later, once, through `reply`, without holding a thread while it waits: the
// timeline read waits only for its audit row's commit. `reply` takes a function that
// makes the response (or throws the error): the server runs it on the connection's own
// thread, so the thread that calls reply (the store's committer) only hands it over. The
// Call is valid only during the call itself.
using Reply = std::function<void(std::function<Response()> make)>;
using AsyncHandler = std::function<void(Call&, Reply)>;

// Who may call a route. "public" needs no session; "patient" is the portal; the others
// are staff roles.
inline constexpr const char* kPublic = "public";

struct Route {
  std::string method;  // GET | POST | PUT | PATCH | DELETE
  std::string path;    // /api/v1/episodes/{episode_id}
  std::string summary;
  std::vector<std::string> roles;
  std::vector<Param> query;
  std::string body;  // a one-line description of the JSON body, empty when none
  // A creating POST: honours an Idempotency-Key header. `idempotent_in_service`
  // routes pass the key to the service, which stores it in the same transaction.
  bool creates = false;
  bool idempotent_in_service = false;
  Handler handler;
  // Optional; the server prefers it to `handler`, which stays for the synchronous path.
  AsyncHandler async_handler;

  bool allows(std::string_view role) const;
  bool is_public() const { return allows(kPublic); }
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

}  // namespace rp::api::http
