// `regenpath report outcomes` end to end on the demo database: JSON keys, the HTML page's
// charts and claims in English and Persian, and exit 2 on a bad centre.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

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
    const Outcome demo = run("demo --no-serve --data " + dir_.string() + " --today 2026-11-24");
    ASSERT_EQ(demo.code, 0) << demo.err;
    db_ = (dir_ / "demo.db").string();
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

  static inline fs::path dir_;
  static inline std::string db_;
};

TEST_F(ReportCli, JsonHasEverySection) {
  const json r = json::parse(report("--format json"));
  for (const char* key :
       {"protocol", "as_of", "time_points", "scopes", "log_rank_by_centre", "funnel", "claims", "claims_source"})
    EXPECT_TRUE(r.contains(key)) << key;
  EXPECT_EQ(r["protocol"]["id"], "hip-msc-v1");  // the figures say whose episodes they count
  EXPECT_EQ(r["protocol"]["version"], 1);
  EXPECT_FALSE(r["protocol"]["title"]["fa"].get<std::string>().empty());
  ASSERT_EQ(r["scopes"].size(), 4u);  // overall and three centres
  EXPECT_TRUE(r["scopes"][0]["centre"].is_null());
  const json& overall = r["scopes"][0];
  for (const char* key :
       {"injected", "survival", "trajectories", "responders", "adverse_events", "completeness", "claims"})
    EXPECT_TRUE(overall.contains(key)) << key;
  EXPECT_GT(overall["injected"].get<int>(), 0);
  ASSERT_EQ(overall["claims"].size(), 6u);
  for (const auto& c : overall["claims"]) {
    EXPECT_TRUE(c.contains("n")) << "a verdict without its n";
    EXPECT_TRUE(c.contains("missing"));
    EXPECT_TRUE(c["worst_case"].contains("estimate"));
    const std::string v = c["verdict"];
    EXPECT_TRUE(v == "consistent" || v == "contradicted" || v == "insufficient_data") << v;
  }
  EXPECT_GT(overall["adverse_events"]["events"].get<int>(), 0);
}

TEST_F(ReportCli, NoIdentifyingData) {
  const std::string text = report("--format json");
  for (const char* s : {"MRN-", "+98912", "Maryam", "مریم", "national_id", "episode_id"})
    EXPECT_EQ(text.find(s), std::string::npos) << s;
}

TEST_F(ReportCli, OneCentre) {
  const json r = json::parse(report("--centre shiraz-1"));
  ASSERT_EQ(r["scopes"].size(), 2u);
  EXPECT_EQ(r["scopes"][1]["centre"], "shiraz-1");
}

TEST_F(ReportCli, HtmlIsOneSelfContainedPageWithChartsAndClaims) {
  const std::string html = report("--format html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* s :
       {"<svg", "survival-curve", "ci-band", "censor-marks", "at-risk", "class=\"figure trajectory\"",
        "class=\"figure funnel\"", "class=\"claims\"", "70 % of patients did not need joint replacement",
        "Insufficient data", "dir=\"ltr\"", "protocol hip-msc-v1, version 1"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  // No scripts and nothing fetched from elsewhere.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

TEST_F(ReportCli, PersianPageIsRightToLeftWithJalaliDate) {
  const std::string html = report("--format html --lang fa");
  EXPECT_NE(html.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(html.find("۱۴۰۵"), std::string::npos);  // 2026-11-24 is in Jalali 1405
  EXPECT_NE(html.find("داده ناکافی"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

TEST_F(ReportCli, BadCentreExitsTwo) {
  const Outcome r = run("report outcomes --db " + db_ + " --centre nowhere");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(json::parse(r.err)["error"]["field"], "centre");
}

TEST_F(ReportCli, MissingDatabaseExitsTwo) {
  const Outcome r = run("report outcomes --db " + (dir_ / "absent.db").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(json::parse(r.err)["error"]["field"], "db");
}

}  // namespace
