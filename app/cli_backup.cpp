// `backup` and `restore`: a copy of the database taken while the server runs, and that copy
// put back into an empty database. SQLite: its online backup API (store/sqlite/
// sqlite_backup.hpp); PostgreSQL: pg_dump and pg_restore (store/postgres/pg_backup.hpp),
// the restored audit chain then verified.
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "service/audit.hpp"
#include "store/postgres/pg_backup.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace rp::app {
namespace {

nlohmann::json copied_json(const store::sqlite::CopiedDatabase& c) {
  return {{"pages", c.pages}, {"schema_version", c.schema_version}, {"integrity", c.integrity}};
}

bool names_postgres(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

// The restored PostgreSQL database checked as `db check` would: its schema, integrity and
// audit chain (against no anchors: those of the database backed up stay with it).
nlohmann::json check_restored(const std::string& db, const store::postgres::DumpedDatabase& restored) {
  auto s = store::open_store(db, store::OpenMode::existing_no_migrate);
  nlohmann::json out = {{"in_bytes", restored.bytes},
                        {"schema_version", restored.schema_version},
                        {"latest_schema_version", store::latest_schema_version()},
                        {"integrity", s->integrity_check()}};
  if (restored.schema_version == store::latest_schema_version()) {
    const auto audit = service::verify_audit_chain(*s, service::Actor::cli_operator());
    out["audit"] = {{"rows", audit.rows},
                    {"tampered", audit.tampered()},
                    {"records_checked", audit.records_checked},
                    {"first_broken_seq", audit.first_broken_seq ? nlohmann::json(*audit.first_broken_seq) : nullptr}};
  } else {
    out["next"] = "regenpath db migrate --db <the database>";  // the chain is verified at the current schema
  }
  return out;
}

}  // namespace

void add_backup_commands(CLI::App& app) {
  struct Paths {
    std::string db = kDefaultDb, out, in;
    bool force = false;
  };
  auto p = std::make_shared<Paths>();

  auto* backup = app.add_subcommand("backup",
                                    "Copy the database to a file, consistent while the server goes on writing "
                                    "(SQLite's online backup; pg_dump's custom format for PostgreSQL)");
  add_db_option(backup, p->db);
  backup->add_option("--out", p->out, "the backup file (replaced when it exists)")->required();
  backup->callback([p] {
    if (names_postgres(p->db)) {
      const auto dumped = store::postgres::backup_database(p->db, p->out);
      print_json({{"db", shown_db(p->db)},
                  {"out", p->out},
                  {"format", "pg_dump custom"},
                  {"bytes", dumped.bytes},
                  {"schema_version", dumped.schema_version}});
      return;
    }
    nlohmann::json out = copied_json(store::sqlite::backup_database(p->db, p->out));
    out["db"] = p->db;
    out["out"] = p->out;
    print_json(out);
  });

  auto* restore = app.add_subcommand("restore",
                                     "Put a backup into an empty database (stop the server first; --force replaces an "
                                     "SQLite database; PostgreSQL restores only into an empty one)");
  restore->add_option("--in", p->in, "the backup file")->required();
  add_db_option(restore, p->db);
  restore->add_flag("--force", p->force, "replace the database that is there (SQLite only)");
  restore->callback([p] {
    if (names_postgres(p->db)) {
      // Never over a PostgreSQL database, --force or not: dropping one is the DBA's step.
      nlohmann::json out = check_restored(p->db, store::postgres::restore_database(p->in, p->db));
      out["in"] = p->in;
      out["db"] = shown_db(p->db);
      print_json(out);
      if (out["integrity"] != "ok") throw std::runtime_error("the restored database fails its integrity check");
      if (out.contains("audit") && out["audit"]["tampered"].get<bool>())
        throw CommandVerdict(kExitTampered, "the restored audit log shows tampering: run `regenpath audit verify`");
      return;
    }
    nlohmann::json out = copied_json(store::sqlite::restore_database(p->in, p->db, p->force));
    out["in"] = p->in;
    out["db"] = p->db;
    print_json(out);
  });
}

}  // namespace rp::app
