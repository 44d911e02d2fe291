// The web app's file serving, fed any request target: whatever the path (percent-encoded
// dots and slashes, backslashes, NUL bytes, overlong segments), a response is only ever
// a file inside the web folder or its index.html, never the secret beside the folder,
// and nothing crashes or reads out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "api/http/message.hpp"
#include "api/http/static_files.hpp"

namespace {

constexpr const char* kSecret = "SECRET-OUTSIDE-THE-WEB-FOLDER";

// web/ holds index.html and assets/app.js; its sibling secret.txt and a symlink inside
// pointing at it must stay out of reach.
const rp::api::http::StaticFiles& files() {
  static const rp::api::http::StaticFiles f = [] {
    const auto root = std::filesystem::temp_directory_path() / ("rp-fuzz-static-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root / "web" / "assets");
    std::ofstream(root / "web" / "index.html") << "<!doctype html><title>app</title>";
    std::ofstream(root / "web" / "assets" / "app.js") << "console.log(1)";
    std::ofstream(root / "web" / ".env") << kSecret;
    std::ofstream(root / "secret.txt") << kSecret;
    std::error_code ec;
    std::filesystem::create_symlink(root / "secret.txt", root / "web" / "link.txt", ec);
    return rp::api::http::StaticFiles((root / "web").string());
  }();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rp::api::http::Request req;
  req.method = size > 0 && (data[0] & 1) ? "HEAD" : "GET";
  const std::string target(reinterpret_cast<const char*>(data), size);
  if (!rp::api::http::parse_target(target, req)) return 0;
  if (!rp::api::http::StaticFiles::serves(req)) return 0;
  const auto res = files().serve(req);
  if (res.body.find(kSecret) != std::string::npos) std::abort();  // escaped the web folder
  return 0;
}
