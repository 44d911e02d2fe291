// `backup` and `restore`: a copy of the SQLite database taken while the server runs, and
// that copy put back into an empty database (store/sqlite/sqlite_backup.hpp).
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace rp::app {
namespace {

nlohmann::json copied_json(const store::sqlite::CopiedDatabase& c) {
  return {{"pages", c.pages}, {"schema_version", c.schema_version}, {"integrity", c.integrity}};
}

}  // namespace

void add_backup_commands(CLI::App& app) {
  struct Paths {
    std::string db = kDefaultDb, out, in;
    bool force = false;
  };
  auto p = std::make_shared<Paths>();

  auto* backup = app.add_subcommand(
      "backup", "Copy the database to a file, consistent while the server goes on writing (SQLite's online backup)");
  add_db_option(backup, p->db);
  backup->add_option("--out", p->out, "the backup file (replaced when it exists)")->required();
  backup->callback([p] {
    nlohmann::json out = copied_json(store::sqlite::backup_database(p->db, p->out));
    out["db"] = p->db;
    out["out"] = p->out;
    print_json(out);
  });

  auto* restore = app.add_subcommand(
      "restore", "Put a backup into an empty database (stop the server first; --force replaces a database)");
  restore->add_option("--in", p->in, "the backup file")->required();
  add_db_option(restore, p->db);
  restore->add_flag("--force", p->force, "replace the database that is there");
  restore->callback([p] {
    nlohmann::json out = copied_json(store::sqlite::restore_database(p->in, p->db, p->force));
    out["in"] = p->in;
    out["db"] = p->db;
    print_json(out);
  });
}

}  // namespace rp::app
