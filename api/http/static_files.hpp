#pragma once
// The built web app (web/dist) served beside the API: GET and HEAD for every path outside
// /api/, /calendar/ (the patients' calendar feeds), /healthz and /metrics. A path
// without a file extension that names no file is a route of the single-page app and gets
// index.html, so a reload of /patients/12 works.
// A file is read again when its size or modification time changes, so a rebuild while
// the server runs is picked up at once; otherwise it is served, and its gzip form made,
// from memory. The folder is small: every file in it may be kept.
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

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
  // The file's content, or nothing when it is not a regular file inside the folder.
  std::shared_ptr<const CompressibleText> file(const std::filesystem::path& root,
                                               const std::filesystem::path& relative) const;

  struct Kept {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified;
    std::shared_ptr<const CompressibleText> text;
  };
  std::string dir_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Kept> files_;
};

// The Content-Type for a file name by its extension; application/octet-stream if unknown.
std::string content_type_of(std::string_view file_name);

}  // namespace rp::api::http
