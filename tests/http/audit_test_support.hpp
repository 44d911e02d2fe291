#pragma once
// The real `regenpath` binary run on a server's database, for the audit tests.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "http_test_support.hpp"

namespace rp::test {

inline constexpr int kExitTampered = 3;  // `audit verify`: the log shows tampering

struct BinaryRun {
  int exit_code = -1;
  std::string out, err;
  nlohmann::json json() const { return nlohmann::json::parse(out, nullptr, false); }
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The real binary; `args` are plain words and paths.
inline BinaryRun regenpath(const std::filesystem::path& dir, const std::string& args) {
  const std::string cmd = std::string(RP_BINARY) + " " + args + " >" + (dir / "out").string() + " 2>" +
                          (dir / "err").string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "out"), slurp(dir / "err")};
}

}  // namespace rp::test
