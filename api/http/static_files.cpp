#include "api/http/static_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace rp::api::http {
namespace {
namespace fs = std::filesystem;

constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".ttf", "font/ttf"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".ico", "image/x-icon"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
};

bool starts_with_segment(std::string_view path, std::string_view prefix) {
  return path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
}

// The path's segments, or nothing when one is empty, "." or "..", a dot-file, or holds
// a backslash: such paths never reach the file system.
std::optional<fs::path> safe_relative(std::string_view path) {
  fs::path out;
  path.remove_prefix(1);  // the leading '/'
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string_view seg = path.substr(0, slash);
    if (seg.empty() && slash == std::string_view::npos) break;  // a trailing '/'
    if (seg.empty() || seg.front() == '.' || seg.find('\\') != std::string_view::npos) return std::nullopt;
    out /= std::string(seg);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// The canonical path of a regular file inside `root` (a symbolic link out of the folder
// is refused too).
std::optional<fs::path> inside(const fs::path& root, const fs::path& relative) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(root / relative, ec);
  if (ec || !fs::is_regular_file(p, ec)) return std::nullopt;
  const fs::path base = fs::weakly_canonical(root, ec);
  const auto [end, _] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  if (ec || end != base.end()) return std::nullopt;
  return p;
}

std::optional<std::string> read_whole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Vite names what it writes under assets/ by content hash: a name never changes meaning.
bool is_hashed_asset(std::string_view path) { return path.starts_with("/assets/"); }

bool has_extension(const fs::path& p) { return p.has_filename() && p.filename().has_extension(); }

Response not_built() {
  Response r;
  r.status = 503;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>regenpath: web app not "
      "built</title></head><body><h1>The web app is not built</h1><p>The API answers under /api/v1. To build "
      "the web app, run <code>./dev build</code> in the source tree (or set <code>web_dir</code> in the config, "
      "or <code>REGENPATH_WEB_DIR</code>, to a folder holding a built index.html), then reload this "
      "page.</p></body></html>\n";
  return r;
}

}  // namespace

std::string content_type_of(std::string_view file_name) {
  for (const auto& [ext, type] : kTypes) {
    if (file_name.size() > ext.size() && file_name.ends_with(ext)) return std::string(type);
  }
  return "application/octet-stream";
}

bool StaticFiles::serves(const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") return false;
  const std::string_view p = request.path;
  return !starts_with_segment(p, "/api") && !starts_with_segment(p, "/calendar") && !starts_with_segment(p, "/fhir") &&
         p != "/healthz" && p != "/metrics";
}

std::shared_ptr<const CompressibleText> StaticFiles::file(const fs::path& root, const fs::path& relative) const {
  const auto path = inside(root, relative);
  if (!path) return nullptr;
  std::error_code ec;
  const auto size = fs::file_size(*path, ec);
  const auto modified = fs::last_write_time(*path, ec);
  if (ec) return nullptr;
  const std::string key = path->string();
  {
    std::lock_guard lock(mutex_);
    const auto it = files_.find(key);
    if (it != files_.end() && it->second.size == size && it->second.modified == modified) return it->second.text;
  }
  auto content = read_whole(*path);
  if (!content) return nullptr;
  auto text = std::make_shared<const CompressibleText>(std::move(*content));
  std::lock_guard lock(mutex_);
  files_[key] = {size, modified, text};
  return text;
}

Response StaticFiles::serve(const Request& request) const {
  const auto relative = safe_relative(request.path);
  if (!relative) return error_response(404, "not_found", "no_such_file"_err);
  const fs::path root(dir_);
  const bool wants_index = relative->empty() || !has_extension(*relative);
  std::shared_ptr<const CompressibleText> body;
  std::string type;
  bool index = false;
  if (!dir_.empty() && !relative->empty()) {
    body = file(root, *relative);
    type = content_type_of(relative->filename().string());
  }
  if (!body && wants_index) {
    if (!dir_.empty()) body = file(root, "index.html");
    if (!body) return not_built();
    type = content_type_of("index.html");
    index = true;
  }
  if (!body) return error_response(404, "not_found", "no_such_file"_err);
  Response r;
  r.content_type = type;
  // index.html names the current hashed bundles: always fetch it afresh.
  const bool immutable = !index && is_hashed_asset(request.path);
  r.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-store");
  // HEAD: the same headers, Content-Length included, without the body.
  r.shared_body = std::move(body);
  r.head = request.method == "HEAD";
  return r;
}

}  // namespace rp::api::http
