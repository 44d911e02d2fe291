#include "api/http/router.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <memory>
#include <stdexcept>

namespace rp::api::http {
namespace {

// Calls `each` with every segment of a path ("/a/b/" → "a", "b", ""); stops early and
// returns false when `each` does.
template <class Each>
bool for_each_segment(std::string_view path, Each each) {
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    const auto slash = path.find('/');
    if (!each(path.substr(0, slash))) return false;
    if (slash == std::string_view::npos) break;
    path = path.substr(slash);
  }
  return true;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// The longest template has six segments: a path with more than this matches no route.
constexpr std::size_t kMaxSegments = 16;

struct SplitPath {
  std::array<std::string_view, kMaxSegments> segments;
  std::size_t size = 0;
  bool too_long = false;
};

SplitPath split(std::string_view path) {
  SplitPath out;
  for_each_segment(path, [&](std::string_view seg) {
    if (out.size == kMaxSegments) {
      out.too_long = true;
      return false;
    }
    out.segments[out.size++] = seg;
    return true;
  });
  return out;
}

}  // namespace

bool Route::allows(std::string_view role) const {
  if (!access.permission) return true;
  const auto allowed = service::role_names_with(*access.permission);
  return std::find(allowed.begin(), allowed.end(), role) != allowed.end();
}

std::vector<std::string> Route::roles() const {
  if (!access.permission) return {"public"};
  return service::role_names_with(*access.permission);
}

namespace handler_detail {

Response typed_response(int status, const nlohmann::json& body) {
  return json_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace handler_detail

Response run_now(const Handler& handler, Call& call) {
  // Shared: a handler that answers later may call reply after an error here.
  auto made = std::make_shared<std::promise<std::function<Response()>>>();
  auto answer = made->get_future();
  handler.run(call, [made](std::function<Response()> make) { made->set_value(std::move(make)); });
  return answer.get()();
}

std::vector<std::string> Route::path_params() const {
  std::vector<std::string> out;
  for_each_segment(path, [&](std::string_view s) {
    if (is_param(s)) out.emplace_back(s.substr(1, s.size() - 2));
    return true;
  });
  return out;
}

void Router::add(Route r) {
  for (const auto& existing : routes_) {
    if (existing.method == r.method && existing.path == r.path)
      throw std::logic_error("route registered twice: " + r.method + " " + r.path);
  }
  // Parameters are declared once: by the typed query the handler reads, or in the table.
  if (!r.handler.query.empty()) {
    if (!r.query.empty()) throw std::logic_error("query parameters declared twice: " + r.method + " " + r.path);
    r.query = r.handler.query;
  }
  Compiled c;
  for_each_segment(r.path, [&](std::string_view s) {
    const bool param = is_param(s);
    c.segments.push_back({std::string(param ? s.substr(1, s.size() - 2) : s), param});
    c.params += param ? 1 : 0;
    return true;
  });
  if (c.segments.size() > kMaxSegments) throw std::logic_error("route template too long: " + r.path);
  routes_.push_back(std::move(r));
  compiled_.push_back(std::move(c));
}

Match Router::match(Request& request) const {
  Match m;
  const SplitPath path = split(request.path);
  if (path.too_long) return m;
  // HEAD is GET without the body (the server leaves the body out).
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;
  // An empty segment never matches a parameter.
  auto matches = [&path](const Compiled& c) {
    if (c.segments.size() != path.size) return false;
    for (std::size_t i = 0; i < path.size; ++i) {
      const Segment& s = c.segments[i];
      if (s.param ? path.segments[i].empty() : s.text != path.segments[i]) return false;
    }
    return true;
  };
  // Literal segments win over parameters: try templates with fewer parameters first.
  std::size_t best = routes_.size();
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(compiled_[i])) continue;
    m.path_known = true;
    if (routes_[i].method != method) continue;
    if (best == routes_.size() || compiled_[i].params < compiled_[best].params) best = i;
  }
  if (best < routes_.size()) {
    request.params.clear();
    const Compiled& c = compiled_[best];
    for (std::size_t i = 0; i < path.size; ++i)
      if (c.segments[i].param) request.params[c.segments[i].text] = std::string(path.segments[i]);
    m.route = &routes_[best];
  }
  return m;
}

}  // namespace rp::api::http
