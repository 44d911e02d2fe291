// `regenpath report outcomes` end to end on the demo database: JSON keys, the HTML page's
// charts and claims in English and Persian, a protocol without claims (knee), and exit 2
// on a bad centre. The demo grows, so the checks are on structure and words, not on its
// counts.
#include <string>

#include "report_cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using rp::report_test::Outcome;
using ReportCli = rp::report_test::ReportCli;

TEST_F(ReportCli, JsonHasEverySection) {
  const json r = json::parse(report("--format json"));
  for (const char* key : {"protocol", "as_of", "survival_end_point", "definitions", "time_points", "scopes",
                          "log_rank_by_centre", "funnel", "claims", "claims_source"})
    EXPECT_TRUE(r.contains(key)) << key;
  EXPECT_EQ(r["protocol"]["id"], "hip-msc-v1");  // the figures say whose episodes they count
  EXPECT_EQ(r["protocol"]["version"], 1);
  EXPECT_FALSE(r["protocol"]["title"]["fa"].get<std::string>().empty());
  EXPECT_EQ(r["survival_end_point"]["title"]["en"], "Free of total hip replacement");
  EXPECT_FALSE(r["survival_end_point"]["title"]["fa"].get<std::string>().empty());
  // Every figure's denominator, in both languages.
  for (const char* key : {"treated", "survival", "trajectories", "responders", "completeness", "adverse_events",
                          "serious_rate", "repeats"})
    for (const char* lang : {"en", "fa"}) EXPECT_FALSE(r["definitions"][key][lang].get<std::string>().empty()) << key;
  ASSERT_EQ(r["scopes"].size(), 4u);  // overall and three centres
  EXPECT_TRUE(r["scopes"][0]["centre"].is_null());
  const json& overall = r["scopes"][0];
  for (const char* key :
       {"injected", "survival", "trajectories", "responders", "adverse_events", "completeness", "repeats", "claims"})
    EXPECT_TRUE(overall.contains(key)) << key;
  EXPECT_GT(overall["injected"].get<int>(), 0);
  for (const char* key : {"by_category", "not_assessed", "untriaged_red_flags", "treated", "followed_days"})
    EXPECT_TRUE(overall["adverse_events"].contains(key)) << key;
  for (const char* key : {"repeated", "median_days", "min_days", "max_days"})
    EXPECT_TRUE(overall["repeats"].contains(key)) << key;
  for (const auto& t : overall["trajectories"])
    for (const auto& p : t["points"]) {
      const std::string interval = p["interval"];
      EXPECT_TRUE(interval == "t" || interval == "kept_in_scale" || interval == "n_too_small") << interval;
      if (interval == "n_too_small") {
        EXPECT_TRUE(p["lower"].is_null() && p["upper"].is_null());
      }
    }
  ASSERT_EQ(r["claims"].size(), 12u);
  ASSERT_EQ(overall["claims"].size(), 12u);
  for (const auto& c : overall["claims"]) {
    EXPECT_TRUE(c.contains("n")) << "a verdict without its n";
    EXPECT_TRUE(c.contains("missing"));
    EXPECT_TRUE(c["worst_case"].contains("estimate"));
    const std::string v = c["verdict"];
    EXPECT_TRUE(v == "consistent" || v == "contradicted" || v == "insufficient_data" || v == "not_measurable" ||
                v == "not_testable")
        << v;
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

TEST_F(ReportCli, KneeProtocolHasNoClaimsAndNamesItsOwnJoint) {
  const json r = json::parse(report("--format json --protocol knee-prp-test"));
  EXPECT_EQ(r["protocol"]["id"], "knee-prp-test");
  EXPECT_TRUE(r["claims"].is_null());
  EXPECT_TRUE(r["claims_source"].is_null());
  EXPECT_EQ(r["survival_end_point"]["title"]["en"], "Free of total knee replacement");
  for (const char* lang : {"en", "fa"}) {
    const std::string html = report(std::string("--format html --protocol knee-prp-test --lang ") + lang);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(html.find("class=\"claims\""), std::string::npos) << lang;
    EXPECT_EQ(html.find("{{"), std::string::npos) << lang;
    // The page and each survival heading are named for the knee, never the hip.
    const std::string title = escaped(r["protocol"]["title"][lang]);
    EXPECT_NE(html.find("<title>" + std::string(lang == std::string("en") ? "Outcome report: " : "گزارش پیامدها: ") +
                        title + "</title>"),
              std::string::npos)
        << lang;
    const std::string survival = "<h3>" + escaped(r["survival_end_point"]["title"][lang]) + "</h3>";
    EXPECT_NE(html.find(survival), std::string::npos) << lang;
    for (const char* hip : {"hip", "Hip", "مفصل ران"}) {
      EXPECT_EQ(html.find(std::string("<title>") + hip), std::string::npos);
      for (std::size_t at = html.find("<h3>"); at != std::string::npos; at = html.find("<h3>", at + 1))
        EXPECT_EQ(html.substr(at, html.find("</h3>", at) - at).find(hip), std::string::npos) << lang << " " << hip;
    }
  }
  EXPECT_NE(report("--format html --protocol knee-prp-test").find("Free of total knee replacement"), std::string::npos);
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
