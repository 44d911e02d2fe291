#include <filesystem>
#include <fstream>

#include "app/audit_options.hpp"
#include "app/store_options.hpp"
#include "service/audit.hpp"
#include "store/store.hpp"

namespace rp::app {

void add_db_commands(CLI::App& app) {
  auto* db = app.add_subcommand("db", "Create, upgrade or check the database");
  db->require_subcommand(1);
  auto path = std::make_shared<std::string>(kDefaultDb);

  auto* init = db->add_subcommand("init", "Create the database (or bring an existing one up to date)");
  add_db_option(init, *path);
  init->callback([path] {
    auto s = store::open_store(*path);
    print_json({{"db", shown_db(*path)}, {"schema_version", s->schema_version()}});
  });

  auto* migrate =
      db->add_subcommand("migrate",
                         "Apply the migrations the database lacks (creating it if there is none): the only command "
                         "that changes the schema of an existing database");
  add_db_option(migrate, *path);
  migrate->callback([path] {
    // A missing file starts empty, so that every migration counts as applied.
    if (names_missing_file(*path)) {
      const std::filesystem::path file = path->rfind("sqlite:", 0) == 0 ? path->substr(7) : *path;
      if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
      std::ofstream(file).close();
    }
    auto s = store::open_store(*path, store::OpenMode::existing_no_migrate);
    const int applied = s->migrate();
    // The outcome report's derived rows of every joint changed since they were stored (all
    // of them after migration 0019, or after a bulk load): the first report need not.
    std::size_t joints = 0;
    s->write([&](store::Transaction& tx) { joints = tx.refresh_outcome_rows(); });
    print_json({{"db", shown_db(*path)},
                {"applied", applied},
                {"schema_version", s->schema_version()},
                {"outcome_rows_refreshed", joints}});
  });

  add_db_copy_command(db);

  auto* check = db->add_subcommand("check", "Report the schema version, integrity and the audit chain");
  add_db_option(check, *path);
  check->callback([path] {
    auto s = store::open_store(*path, store::OpenMode::existing_no_migrate);
    const int version = s->schema_version();
    const std::string integrity = s->integrity_check();
    nlohmann::json out = {{"db", shown_db(*path)},
                          {"schema_version", version},
                          {"latest_schema_version", store::latest_schema_version()},
                          {"integrity", integrity}};
    bool tampered = false;
    if (version == store::latest_schema_version()) {
      // Against the anchors beside the database, when the server left any.
      const AuditEvidence e = resolve_audit_evidence({*path, "", "", ""});
      const auto audit = service::verify_audit_chain(*s, service::Actor::cli_operator(), e.options);
      tampered = audit.tampered();
      out["audit"] = {{"rows", audit.rows},
                      {"verdict", audit.verdict()},
                      {"intact", audit.verdict() == "intact"},
                      {"tampered", tampered},
                      {"unanchored_rows", audit.unanchored_rows},
                      {"first_broken_seq", audit.first_broken_seq ? nlohmann::json(*audit.first_broken_seq) : nullptr}};
    }
    print_json(out);
    if (integrity != "ok" || version != store::latest_schema_version())
      throw std::runtime_error("database check failed");
    if (tampered) throw CommandVerdict(kExitTampered, "the audit log shows tampering: run `regenpath audit verify`");
  });
}

}  // namespace rp::app
