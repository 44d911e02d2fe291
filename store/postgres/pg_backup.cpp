#include "store/postgres/pg_backup.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/pg_tool.hpp"
#include "store/store.hpp"

namespace rp::store::postgres {
namespace {

namespace fs = std::filesystem;

// The URL without its password, for messages.
std::string shown(const std::string& url) {
  static const std::regex password("(://[^:/@]*):[^@/]*@");
  return std::regex_replace(url, password, "$1:***@");
}

int schema_of(Connection& c) {
  if (c.exec("SELECT to_regclass('schema_version') IS NOT NULL").view(0, 0) != "t") return 0;
  return c.exec("SELECT COALESCE(MAX(version), 0) FROM schema_version").int32(0, 0);
}

// Tables, views, sequences of any schema a user made: a database that has one is not empty.
std::int64_t user_relations(Connection& c) {
  return c
      .exec(
          "SELECT COUNT(*) FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace "
          "WHERE r.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', "
          "'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'")
      .int64(0, 0);
}

void run_or_throw(const std::string& tool, const std::vector<std::string>& args, const std::string& conninfo) {
  const ToolRun run = run_pg_tool(tool, args, conninfo);
  if (run.exit_code != 0)
    throw std::runtime_error(fs::path(tool).filename().string() + " failed (exit " + std::to_string(run.exit_code) +
                             "): " + run.errors);
}

bool is_custom_archive(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[5] = {};
  return in.read(magic, sizeof magic) && std::string(magic, sizeof magic) == "PGDMP";
}

}  // namespace

DumpedDatabase backup_database(const std::string& url, const std::string& out) {
  const PgOptions options = parse_url(url);
  DumpedDatabase dumped;
  {
    Connection c(options.conninfo);
    dumped.schema_version = schema_of(c);
  }
  if (dumped.schema_version == 0) throw NotFoundError("db", "no_database"_err, {{"path", shown(url)}});
  const std::string partial = out + ".partial";
  fs::remove(partial);
  const auto parent = fs::path(out).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  dumped.tool = find_pg_tool("pg_dump");
  try {
    // --no-password: a password is given through the environment or not at all, never asked.
    run_or_throw(dumped.tool, {"--format=custom", "--no-password", "--file=" + partial}, options.conninfo);
    // The archive's table of contents read back: a cut or foreign file fails here.
    run_or_throw(find_pg_tool("pg_restore"), {"--list", partial}, options.conninfo);
  } catch (...) {
    fs::remove(partial);
    throw;
  }
  dumped.bytes = static_cast<std::int64_t>(fs::file_size(partial));
  fs::rename(partial, out);
  return dumped;
}

DumpedDatabase restore_database(const std::string& in, const std::string& url) {
  if (!fs::exists(in)) throw NotFoundError("in", "no_database"_err, {{"path", in}});
  if (!is_custom_archive(in))
    throw std::runtime_error(in + " is not a PostgreSQL backup (pg_dump's custom format, `regenpath backup`)");
  const PgOptions options = parse_url(url);
  std::string database;
  {
    Connection c(options.conninfo);
    if (user_relations(c) > 0) throw ConflictError("db", "restore_target_not_empty_postgres"_err, {{"db", shown(url)}});
    database = c.exec("SELECT current_database()").text(0, 0);
  }
  DumpedDatabase restored;
  restored.bytes = static_cast<std::int64_t>(fs::file_size(in));
  restored.tool = find_pg_tool("pg_restore");
  // One transaction: a restore that fails half-way leaves the database empty, to try again.
  // --no-owner: the restoring user owns what it creates, whoever owned it in the source.
  run_or_throw(restored.tool,
               {"--no-password", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname=" + database, in},
               options.conninfo);
  Connection c(options.conninfo);
  restored.schema_version = schema_of(c);
  if (restored.schema_version > latest_schema_version())
    throw ConflictError("in", "schema_newer"_err,
                        {{"have", restored.schema_version}, {"latest", latest_schema_version()}});
  return restored;
}

}  // namespace rp::store::postgres
