// `regenpath stats ...` end to end: JSON shape, nulls where R has NA, and exit 2 with
// the field and row named on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct StatsOutcome {
  int code;
  std::string out, err;
};

class StatsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rp-stats-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  StatsOutcome run(const std::string& args) {
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

  // Runs a command that must fail with exit 2; returns the error object.
  json error_of(const std::string& args) {
    const StatsOutcome r = run(args);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    return json::parse(r.err).at("error");
  }

  fs::path dir_;
};

const char* kData =
    "time,status,arm\n"
    "1,1,a\n2,1,a\n2,0,a\n3,1,a\n4,1,a\n"
    "1,0,b\n5,1,b\n6,0,b\n7,1,b\n";

TEST_F(StatsCli, KmByGroupWithNullsWhereRHasNa) {
  const std::string csv = write("d.csv", kData);
  const StatsOutcome r = run("stats km --csv " + csv + " --time time --event status --group arm --at 2.5,4,100");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["groups"].size(), 2u);
  const json& a = j["groups"][0];
  EXPECT_EQ(a["group"], "a");
  EXPECT_EQ(a["n"], 5);
  EXPECT_EQ(a["events"], 4);
  EXPECT_EQ(a["median"], 3.0);
  EXPECT_DOUBLE_EQ(a["at"][0]["surv"].get<double>(), 0.6);
  EXPECT_EQ(a["at"][0]["n_risk"], 2);
  EXPECT_EQ(a["at"][1]["surv"], 0.0);
  EXPECT_TRUE(a["at"][1]["std_err"].is_null());
  EXPECT_TRUE(a["at"][2]["beyond_follow_up"].get<bool>());
  EXPECT_TRUE(a["at"][2]["surv"].is_null());
}

TEST_F(StatsCli, KmWithoutGroupIsAll) {
  const std::string csv = write("d.csv", kData);
  const StatsOutcome r = run("stats km --csv " + csv + " --time time --event status --conf-type log-log");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["group"], "all");
  EXPECT_EQ(j["groups"][0]["n"], 9);
}

TEST_F(StatsCli, LogRankShape) {
  const std::string csv = write("d.csv", kData);
  const StatsOutcome r = run("stats logrank --csv " + csv + " --time time --event status --group arm");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["df"], 1);
  EXPECT_GT(j["chisq"].get<double>(), 0);
  EXPECT_EQ(j["groups"][1]["group"], "b");
  EXPECT_EQ(j["groups"][1]["observed"], 2.0);
}

TEST_F(StatsCli, Proportion) {
  const StatsOutcome r = run("stats proportion --successes 0 --n 10 --method clopper-pearson");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["lower"], 0.0);
  EXPECT_NEAR(j["upper"].get<double>(), 1 - std::pow(0.025, 0.1), 1e-15);
}

TEST_F(StatsCli, UnknownColumnIsNamed) {
  const std::string csv = write("d.csv", kData);
  EXPECT_EQ(error_of("stats km --csv " + csv + " --time days --event status")["field"], "days");
}

TEST_F(StatsCli, NonNumericTimeNamesColumnAndRow) {
  const std::string csv = write("d.csv", "time,status\n1,1\nabc,0\n");
  const json e = error_of("stats km --csv " + csv + " --time time --event status");
  EXPECT_EQ(e["field"], "time");
  EXPECT_NE(e["message"].get<std::string>().find("data row 2"), std::string::npos);
}

TEST_F(StatsCli, NegativeTimeIsRejected) {
  const std::string csv = write("d.csv", "time,status\n1,1\n2,0\n-3,1\n");
  const json e = error_of("stats km --csv " + csv + " --time time --event status");
  EXPECT_EQ(e["field"], "time");
  EXPECT_NE(e["message"].get<std::string>().find("data row 3"), std::string::npos);
}

TEST_F(StatsCli, EventMustBeZeroOrOne) {
  const std::string csv = write("d.csv", "time,status,g\n1,2,a\n2,0,b\n");
  const json e = error_of("stats logrank --csv " + csv + " --time time --event status --group g");
  EXPECT_EQ(e["field"], "status");
  EXPECT_NE(e["message"].get<std::string>().find("data row 1"), std::string::npos);
}

TEST_F(StatsCli, SuccessesAboveN) {
  EXPECT_EQ(error_of("stats proportion --successes 11 --n 10")["field"], "successes");
  EXPECT_EQ(error_of("stats proportion --successes 1.5 --n 10")["field"], "successes");
  EXPECT_EQ(error_of("stats proportion --successes 1 --n 10 --method exact")["field"], "method");
}

TEST_F(StatsCli, MissingFile) {
  EXPECT_EQ(error_of("stats km --csv " + (dir_ / "absent.csv").string() + " --time t --event e")["field"], "csv");
}

TEST_F(StatsCli, BadConfTypeAndAt) {
  const std::string csv = write("d.csv", kData);
  EXPECT_EQ(error_of("stats km --csv " + csv + " --time time --event status --conf-type logit")["field"], "conf-type");
  EXPECT_EQ(error_of("stats km --csv " + csv + " --time time --event status --at 1,x")["field"], "at");
}

TEST_F(StatsCli, LogRankNeedsTwoGroups) {
  const std::string csv = write("d.csv", "time,status,g\n1,1,a\n2,0,a\n");
  EXPECT_EQ(error_of("stats logrank --csv " + csv + " --time time --event status --group g")["field"], "g");
}

}  // namespace
