#include <filesystem>

#include "app/store_options.hpp"
#include "base/clock.hpp"
#include "demo/demo.hpp"
#include "store/audit_anchor_file.hpp"

namespace rp::app {

void add_demo_command(CLI::App& app) {
  struct Opts {
    std::string data = "./regenpath-data", today;
    int patients = 60;
    int port = 8080;
    bool no_serve = false;
  };
  auto o = std::make_shared<Opts>();
  auto* demo = app.add_subcommand("demo", "Build a fresh demo database (3 centres, ~60 patients in every state)");
  demo->add_option("--data", o->data, "folder for the demo database")->capture_default_str();
  demo->add_option("--patients", o->patients, "how many patients")->check(CLI::Range(1, 100000));
  demo->add_option("--today", o->today, "the day the demo is set on (default: today in Tehran)");
  demo->add_option("--port", o->port, "port for the server")->check(CLI::Range(1, 65535));
  demo->add_flag("--no-serve", o->no_serve, "build the database only; do not start the server");
  demo->callback([o] {
    const CivilDate today = o->today.empty() ? Clock::system().today() : parse_gregorian(o->today, "today");
    const std::string db = (std::filesystem::path(o->data) / "demo.db").string();
    if (!o->no_serve) check_demo_port(o->port);
    // A demo always starts from scratch, so its data is the same every time.
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    // The anchors of the database just removed would vouch for rows that are no more.
    std::filesystem::remove(store::default_anchor_path(db));
    auto store = store::open_sqlite(db, store::OpenMode::scratch);
    const auto summary = demo::build_demo(*store, today, o->patients);
    store.reset();  // closed before the server opens its own connection
    print_json({{"db", db},
                {"today", today.iso()},
                {"centres", summary.centres},
                {"patients", summary.patients},
                {"episodes_by_state", summary.episodes_by_state}});
    if (!o->no_serve) serve_demo(db, o->port);
  });
}

}  // namespace rp::app
