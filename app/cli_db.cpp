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
    auto s = store::open_sqlite(*path);
    print_json({{"db", *path}, {"schema_version", s->schema_version()}});
  });

  auto* migrate = db->add_subcommand("migrate", "Apply the migrations the database lacks");
  add_db_option(migrate, *path);
  migrate->callback([path] {
    auto s = store::open_sqlite(*path, store::OpenMode::existing_no_migrate);
    const int applied = s->migrate();
    print_json({{"db", *path}, {"applied", applied}, {"schema_version", s->schema_version()}});
  });

  auto* check = db->add_subcommand("check", "Report the schema version, integrity and the audit chain");
  add_db_option(check, *path);
  check->callback([path] {
    auto s = store::open_sqlite(*path, store::OpenMode::existing_no_migrate);
    const int version = s->schema_version();
    const std::string integrity = s->integrity_check();
    nlohmann::json out = {{"db", *path},
                          {"schema_version", version},
                          {"latest_schema_version", store::latest_schema_version()},
                          {"integrity", integrity}};
    if (version == store::latest_schema_version()) {
      const auto audit = service::verify_audit_chain(*s, service::Actor::cli_operator());
      out["audit"] = {{"rows", audit.rows},
                      {"intact", !audit.first_broken_seq},
                      {"first_broken_seq", audit.first_broken_seq ? nlohmann::json(*audit.first_broken_seq) : nullptr}};
    }
    print_json(out);
    if (integrity != "ok" || version != store::latest_schema_version())
      throw std::runtime_error("database check failed");
  });

  auto* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the hash chain; names the first broken row");
  add_db_option(verify, *path);
  verify->callback([path] {
    auto s = store::open_sqlite(*path, store::OpenMode::existing_no_migrate);
    const auto v = service::verify_audit_chain(*s, service::Actor::cli_operator());
    print_json({{"rows", v.rows},
                {"intact", !v.first_broken_seq},
                {"first_broken_seq", v.first_broken_seq ? nlohmann::json(*v.first_broken_seq) : nullptr},
                {"problem", v.problem}});
    if (v.first_broken_seq)
      throw std::runtime_error("audit chain broken at row " + std::to_string(*v.first_broken_seq));
  });
}

}  // namespace rp::app
