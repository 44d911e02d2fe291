// `openapi`: prints the API's OpenAPI document, the same one the server serves at
// /api/v1/openapi.json, without starting a server. The web app's build turns it into
// TypeScript types (scripts/build-web), so it must not need a port or a database: the
// route table is built over a scratch database in a temporary folder, removed after.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "api/http/api.hpp"
#include "app/cli.hpp"

namespace rp::app {
namespace {

// A folder of its own under the system's temporary folder, removed when it goes.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "regenpath-openapi-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder for the route table");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string file(const char* name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

nlohmann::json served_document() {
  const ScratchDir dir;
  auto store = store::open_sqlite(dir.file("routes.db"), store::OpenMode::scratch);
  const Clock clock = Clock::system();
  service::Pathway pathway(*store, clock);
  service::Auth auth(*store, clock, {},
                     [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
  service::Accounts accounts(*store, clock, &auth);
  service::Submissions submissions(*store, clock, auth);
  api::Services services{*store, clock, pathway, accounts, auth, submissions};
  const api::http::Api api(services, nullptr);
  return api::http::openapi_document(api.router());
}

}  // namespace

void add_openapi_command(CLI::App& app) {
  app.add_subcommand("openapi",
                     "Print the API's OpenAPI 3 document (as served at /api/v1/openapi.json), indented, on stdout")
      ->callback([] { std::cout << served_document().dump(2) << '\n'; });
}

}  // namespace rp::app
