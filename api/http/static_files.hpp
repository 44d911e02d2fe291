#pragma once
// The built web app (web/dist) served beside the API: GET and HEAD for every path outside
// /api/, /healthz and /metrics. A path without a file extension that names no file is
// a route of the single-page app and gets index.html, so a reload of /patients/12 works.
// Files are read per request: the folder is small, and a rebuild while the server runs
// is picked up at once.
#include <string>

#include "api/http/message.hpp"

namespace rp::api::http {

class StaticFiles {
 public:
  // `dir` may be empty or lack index.html: the app is then "not built" (503 at /).
  explicit StaticFiles(std::string dir) : dir_(std::move(dir)) {}

  // True for the requests this serves rather than the router.
  static bool serves(const Request& request);
  Response serve(const Request& request) const;

 private:
  std::string dir_;
};

// The Content-Type for a file name by its extension; application/octet-stream if unknown.
std::string content_type_of(std::string_view file_name);

}  // namespace rp::api::http
