#pragma once
// Runs a PostgreSQL client program (pg_dump, pg_restore) for the backup commands.
#include <string>
#include <vector>

namespace rp::store::postgres {

// The program's path: the first on PATH, else /usr/lib/postgresql/15/bin/<name>; a
// runtime_error naming the package when neither is there.
std::string find_pg_tool(const std::string& name);

struct ToolRun {
  int exit_code = -1;  // -1: killed by a signal
  std::string errors;  // what it wrote on stderr
};

// Runs `path` with `args` (no shell), connected as the libpq connection string `conninfo`
// says through the environment variables libpq reads (so that a password never appears in
// the process list), standard output discarded. Throws PgError when conninfo is not one.
ToolRun run_pg_tool(const std::string& path, const std::vector<std::string>& args, const std::string& conninfo);

}  // namespace rp::store::postgres
