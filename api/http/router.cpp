#include "api/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace rp::api::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path = path.substr(slash);
  }
  return out;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// Matches a path against a template, collecting parameters; an empty segment never
// matches a parameter.
bool match_template(std::string_view tmpl, std::string_view path, std::map<std::string, std::string>* params) {
  const auto t = segments(tmpl);
  const auto p = segments(path);
  if (t.size() != p.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (is_param(t[i])) {
      if (p[i].empty()) return false;
      if (params) (*params)[std::string(t[i].substr(1, t[i].size() - 2))] = std::string(p[i]);
    } else if (t[i] != p[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool Route::allows(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

std::vector<std::string> Route::path_params() const {
  std::vector<std::string> out;
  for (auto s : segments(path))
    if (is_param(s)) out.emplace_back(s.substr(1, s.size() - 2));
  return out;
}

void Router::add(Route r) {
  for (const auto& existing : routes_) {
    if (existing.method == r.method && existing.path == r.path)
      throw std::logic_error("route registered twice: " + r.method + " " + r.path);
  }
  routes_.push_back(std::move(r));
}

Match Router::match(Request& request) const {
  Match m;
  // Literal segments win over parameters: try templates with fewer parameters first.
  const Route* best = nullptr;
  std::size_t best_params = 0;
  for (const auto& r : routes_) {
    if (!match_template(r.path, request.path, nullptr)) continue;
    m.path_known = true;
    if (r.method != request.method) continue;
    const std::size_t n = r.path_params().size();
    if (!best || n < best_params) {
      best = &r;
      best_params = n;
    }
  }
  if (best) {
    request.params.clear();
    match_template(best->path, request.path, &request.params);
    m.route = best;
  }
  return m;
}

}  // namespace rp::api::http
