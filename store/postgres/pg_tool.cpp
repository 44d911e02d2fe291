#include "store/postgres/pg_tool.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "store/postgres/pg_connection.hpp"

extern char** environ;

namespace rp::store::postgres {
namespace {

// This process's environment with libpq's variables for `conninfo` set over it.
std::vector<std::string> tool_environment(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    const std::string why = error ? error : "out of memory";
    PQfreemem(error);
    throw PgError("PostgreSQL: the database URL is not one libpq reads: " + why, "");
  }
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (PQconninfoOption* o = options; o->keyword; ++o)
    if (o->val && *o->val && o->envvar) vars[o->envvar] = o->val;
  PQconninfoFree(options);
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) out.push_back(name + "=" + value);
  return out;
}

bool executable(const std::filesystem::path& p) { return ::access(p.c_str(), X_OK) == 0; }

}  // namespace

std::string find_pg_tool(const std::string& name) {
  if (const char* path = std::getenv("PATH")) {
    std::string dirs = path;
    std::size_t start = 0;
    while (start <= dirs.size()) {
      std::size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      const std::string dir = dirs.substr(start, end - start);
      if (!dir.empty() && executable(std::filesystem::path(dir) / name)) return dir + "/" + name;
      start = end + 1;
    }
  }
  const std::string fixed = "/usr/lib/postgresql/15/bin/" + name;
  if (executable(fixed)) return fixed;
  throw std::runtime_error(name +
                           " was not found on PATH nor in /usr/lib/postgresql/15/bin: install postgresql-client-15");
}

ToolRun run_pg_tool(const std::string& path, const std::vector<std::string>& args, const std::string& conninfo) {
  const std::vector<std::string> env = tool_environment(conninfo);
  std::vector<char*> argv{const_cast<char*>(path.c_str())}, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("cannot make a pipe for " + path);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(err_pipe[0]);
    throw std::runtime_error("cannot run " + path);
  }
  ToolRun run;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(err_pipe[0], buffer, sizeof buffer);
    if (n > 0) {
      if (run.errors.size() < 65536) run.errors.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace rp::store::postgres
