#pragma once
// The demo database the `report outcomes` CLI tests share (made once per build), the CLI run with its exit code and
// output, and the escaping the page applies.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../support/made_once.hpp"

namespace rp::report_test {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
  int code;
  std::string out, err;
};

class ReportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rp-report-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // The demo is the same for the same --today: made once per build, copied here.
    db_ = (dir_ / "demo.db").string();
    fs::copy_file(test::demo_made_once("--today 2026-11-24"), db_);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static Outcome run(const std::string& args) {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string cmd = std::string(RP_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    auto slurp = [](const fs::path& p) {
      std::ostringstream s;
      s << std::ifstream(p).rdbuf();
      return s.str();
    };
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }
  static std::string report(const std::string& extra) {
    const Outcome r = run("report outcomes --db " + db_ + " --today 2026-11-24 " + extra);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }

  // The text as the page prints it (escape_html).
  static std::string escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
      if (c == '&')
        out += "&amp;";
      else if (c == '<')
        out += "&lt;";
      else if (c == '>')
        out += "&gt;";
      else if (c == '"')
        out += "&quot;";
      else
        out += c;
    }
    return out;
  }

  static inline fs::path dir_;
  static inline std::string db_;
};

}  // namespace rp::report_test
