#include <filesystem>

#include "app/store_options.hpp"
#include "base/clock.hpp"
#include "demo/demo.hpp"
#include "service/accounts.hpp"
#include "store/audit_anchor_file.hpp"

namespace rp::app {
namespace {

// The demo's records go only where there are none: they would mix with a clinic's.
void require_no_records(store::Store& s) {
  bool empty = false;
  s.read([&](store::Transaction& tx) { empty = tx.list_centres().empty() && !tx.last_audit_row(); });
  if (!empty) throw std::runtime_error("the demo is built only in an empty database: this one holds records");
}

}  // namespace

void add_demo_command(CLI::App& app) {
  struct Opts {
    std::string data = "./regenpath-data", today, db;
    int patients = 60;
    int port = 8080;
    bool no_serve = false;
    bool least_cost_hashes = false;
  };
  auto o = std::make_shared<Opts>();
  auto* demo = app.add_subcommand("demo", "Build a fresh demo database (3 centres, ~60 patients in every state)");
  demo->add_option("--data", o->data, "folder for the demo database")->capture_default_str();
  demo->add_option("--patients", o->patients, "how many patients")->check(CLI::Range(1, 100000));
  demo->add_option("--today", o->today, "the day the demo is set on (default: today in Tehran)");
  demo->add_option("--port", o->port, "port for the server")->check(CLI::Range(1, 65535));
  // Not REGENPATH_DB: the demo goes where it is told, never into the configured database.
  demo->add_option("--db", o->db,
                   "build the demo in this empty database instead (postgresql://... or an SQLite FILE), kept as it "
                   "is found if it holds records");
  demo->add_flag("--no-serve", o->no_serve, "build the database only; do not start the server");
  // Only here, never on `serve`: a throw-away demo's accounts have random passwords that
  // its log prints, and the browser and contract tests start a score of demo servers.
  demo->add_flag("--least-cost-hashes", o->least_cost_hashes,
                 "hash the demo's passwords at libsodium's least cost (for tests that start many demo servers)");
  demo->callback([o] {
    if (o->least_cost_hashes) service::set_password_hash_cost(service::PasswordHashCost::least);
    const CivilDate today = o->today.empty() ? Clock::system().today() : parse_gregorian(o->today, "today");
    const std::string db = o->db.empty() ? (std::filesystem::path(o->data) / "demo.db").string() : o->db;
    if (!o->no_serve) check_demo_port(o->port);
    std::unique_ptr<store::Store> store;
    if (o->db.empty()) {
      // A demo always starts from scratch, so its data is the same every time.
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
      store = store::open_sqlite(db, store::OpenMode::scratch);
    } else {
      // A database named is never emptied here (on PostgreSQL that is the DBA's step).
      store = store::open_store(db, store::OpenMode::scratch);
      require_no_records(*store);
    }
    // The anchors of the database just removed (or of an earlier one of that name) would
    // vouch for rows that are not there.
    std::filesystem::remove(store::default_anchor_path(db));
    const auto summary = demo::build_demo(*store, today, o->patients, demo_portal_url(o->port));
    store.reset();  // closed before the server opens its own connection
    print_json({{"db", shown_db(db)},
                {"today", today.iso()},
                {"centres", summary.centres},
                {"patients", summary.patients},
                {"episodes_by_state", summary.episodes_by_state}});
    if (!o->no_serve) serve_demo(db, o->port);
  });
}

}  // namespace rp::app
