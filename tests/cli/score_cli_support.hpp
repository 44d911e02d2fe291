#pragma once
// Runs the real regenpath binary with a given stdin and captures stdout, stderr and
// the exit code, for the `score` and `responder` CLI tests.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace rp::cli_test {

struct CliRun {
  int exit_code = -1;
  std::string out, err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
  // The field named in the {"error": {...}} object on stderr.
  std::string error_field() const {
    const auto e = nlohmann::json::parse(err);
    return e.at("error").at("field").is_null() ? "" : e.at("error").at("field").get<std::string>();
  }
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A private scratch directory per process, so parallel CTest runs do not collide.
inline std::filesystem::path scratch() {
  const auto dir = std::filesystem::temp_directory_path() / ("rp-score-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path write_file(const std::string& name, const std::string& text) {
  const auto p = scratch() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

// `args` is passed to the shell as is; keep it to plain words and paths.
inline CliRun run(const std::string& args, const std::string& stdin_text) {
  const auto dir = scratch();
  const auto in = write_file("stdin", stdin_text);
  const std::string cmd = std::string(RP_BINARY) + " " + args + " <" + in.string() + " >" + (dir / "out").string() +
                          " 2>" + (dir / "err").string();
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

}  // namespace rp::cli_test
