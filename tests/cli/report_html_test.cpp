// The HTML outcome report's figures and their words: what each figure counts, claims that
// cannot be tested, adverse events by kind, a verdict waiting on an ungraded event, and
// text from a claims file escaped, in English and Persian.
#include <algorithm>
#include <string>

#include "report_cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using rp::report_test::Outcome;
using ReportCli = rp::report_test::ReportCli;

TEST_F(ReportCli, PagesStateWhatEachFigureCounts) {
  const json r = json::parse(report("--format json"));
  for (const char* lang : {"en", "fa"}) {
    const std::string html = report(std::string("--format html --lang ") + lang);
    for (const auto& [key, text] : r["definitions"].items())
      EXPECT_NE(html.find(escaped(text[lang])), std::string::npos) << lang << " " << key;
    // The serious-event line says over which joints it is counted.
    EXPECT_NE(
        html.find(
            lang == std::string("en")
                ? "treated joints followed at least 30 days"
                : "مفصل درمان‌شده‌ای که دست‌کم ۳۰ روز پیگیری شده‌اند"),
        std::string::npos)
        << lang;
  }
  const std::string en = report("--format html");
  EXPECT_NE(en.find("30 days after the injection"), std::string::npos);  // the serious_rate definition
  EXPECT_NE(en.find("Treated joints: "), std::string::npos);
  EXPECT_NE(en.find("Repeat treatments"), std::string::npos);
}

TEST_F(ReportCli, NotTestableClaimsShowTheirNotesAndNoFigures) {
  const json r = json::parse(report("--format json"));
  const std::string en = report("--format html"), fa = report("--format html --lang fa");
  int not_testable = 0;
  for (const auto& c : r["claims"]) {
    if (c["metric"] != "not_testable") continue;
    ++not_testable;
    EXPECT_NE(en.find(escaped(c["note"]["en"])), std::string::npos) << c["id"];
    EXPECT_NE(fa.find(escaped(c["note"]["fa"])), std::string::npos) << c["id"];
  }
  EXPECT_GE(not_testable, 1);
  EXPECT_NE(en.find("Not testable here"), std::string::npos);
  EXPECT_NE(fa.find("اینجا سنجیدنی نیست"), std::string::npos);
  // Its claimed, measured, n, missing and worst-case cells are dashes.
  EXPECT_NE(en.find("<td>–</td><td>–</td><td>–</td><td>–</td><td>–</td><td><span class=\"verdict not_testable\">"),
            std::string::npos);
}

TEST_F(ReportCli, AdverseEventsByCategory) {
  const json r = json::parse(report("--format json"));
  const json& categories = r["scopes"][0]["adverse_events"]["by_category"];
  ASSERT_FALSE(categories.empty());
  const std::string en = report("--format html"), fa = report("--format html --lang fa");
  EXPECT_NE(en.find("<table class=\"categories\"><tr><th>Kind of event</th>"), std::string::npos);
  EXPECT_NE(fa.find("<table class=\"categories\"><tr><th>نوع عارضه</th>"), std::string::npos);
  // Category ids are named in words, not shown as ids.
  for (const auto& c : categories)
    EXPECT_EQ(en.find("<td>" + c["category"].get<std::string>() + "</td>"), std::string::npos);
  EXPECT_TRUE(en.find("<td>Infection</td>") != std::string::npos ||
              en.find("<td>Bleeding or haematoma</td>") != std::string::npos ||
              en.find("<td>Joint effusion</td>") != std::string::npos);
}

// The patient list a page at a time, as the API and the screen take it: --after the last
// id of the page before; a negative id is refused naming the option.
TEST_F(ReportCli, ThePatientListComesAPageAtATime) {
  const auto ids = [&](const std::string& args) {
    const Outcome list = run("patient list --db " + db_ + " " + args);
    EXPECT_EQ(list.code, 0) << list.err;
    std::vector<int> out;
    for (const auto& p : json::parse(list.out)) out.push_back(p["id"].get<int>());
    return out;
  };
  const auto all = ids("--limit 6");
  ASSERT_EQ(all.size(), 6U);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_EQ(ids("--limit 3"), std::vector<int>(all.begin(), all.begin() + 3));
  EXPECT_EQ(ids("--limit 3 --after " + std::to_string(all[2])), std::vector<int>(all.begin() + 3, all.end()));
  const Outcome refused = run("patient list --db " + db_ + " --after -4");
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("--after"), std::string::npos) << refused.err;
}

TEST_F(ReportCli, UngradedEventMakesTheSeriousClaimNotMeasurable) {
  // A copy of the demo, so the other tests keep its figures.
  const std::string db = (dir_ / "not-assessed.db").string();
  fs::copy_file(db_, db, fs::copy_options::overwrite_existing);
  // An injected episode of the hip protocol, found with the CLI.
  int episode = 0;
  const Outcome list = run("patient list --db " + db);
  ASSERT_EQ(list.code, 0) << list.err;
  for (const auto& p : json::parse(list.out)) {
    const Outcome shown = run("patient show " + std::to_string(p["id"].get<int>()) + " --db " + db);
    ASSERT_EQ(shown.code, 0) << shown.err;
    const json patient = json::parse(shown.out);
    for (const auto& e : patient["episodes"])
      if (e["protocol"] == "hip-msc-v1" && (e["state"] == "follow_up" || e["state"] == "completed"))
        episode = e["id"].get<int>();
    if (episode != 0) break;
  }
  ASSERT_NE(episode, 0) << "the demo has no injected episode";
  const Outcome added = run("event add --db " + db + " --episode " + std::to_string(episode) +
                            " --category infection --severity serious");
  ASSERT_EQ(added.code, 0) << added.err;

  const auto report_on = [&](const std::string& extra) {
    const Outcome out = run("report outcomes --db " + db + " --today 2026-11-24 " + extra);
    EXPECT_EQ(out.code, 0) << out.err;
    return out.out;
  };
  const json r = json::parse(report_on("--format json"));
  const json& overall = r["scopes"][0];
  EXPECT_GE(overall["adverse_events"]["not_assessed"].get<int>(), 1);
  bool waiting = false;
  for (const auto& c : overall["claims"])
    if (c["id"] == "serious-side-effects-under-1") {
      EXPECT_EQ(c["verdict"], "not_measurable");
      EXPECT_EQ(c["reason"], "events_not_assessed");
      waiting = true;
    }
  EXPECT_TRUE(waiting);
  const std::string en = report_on("--format html");
  for (const char* s : {"<span class=\"verdict not_measurable\">Not measurable yet</span>", "class=\"warning\"",
                        "Adverse events not assessed yet: ", "<code dir=\"ltr\">regenpath event grade</code>"})
    EXPECT_NE(en.find(s), std::string::npos) << s;
  const std::string fa = report_on("--format html --lang fa");
  for (const char* s : {"هنوز سنجیدنی نیست", "class=\"warning\"", "عوارض ارزیابی‌نشده: "})
    EXPECT_NE(fa.find(s), std::string::npos) << s;
}

TEST_F(ReportCli, TextFromAClaimsFileIsEscaped) {
  const fs::path claims = dir_ / "bait-claims.yaml";
  std::ofstream(claims) << R"(version: 1
source:
  en: "Source <i>A</i> & B"
  fa: "منبع <i>الف</i>"
claims:
  - id: bait
    words:
      en: "Words <script>alert(1)</script> & more"
      fa: "واژه‌ها <script>alert(1)</script>"
    note:
      en: 'A note with "quotes" and <b>tags</b>'
      fa: "یادداشت <b>برچسب</b>"
    metric: not_testable
)";
  for (const char* lang : {"en", "fa"}) {
    const std::string html = report("--format html --claims " + claims.string() + " --lang " + lang);
    EXPECT_EQ(html.find("<script"), std::string::npos) << lang;
    EXPECT_EQ(html.find("<b>"), std::string::npos) << lang;
    EXPECT_EQ(html.find("<i>"), std::string::npos) << lang;
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << lang;
  }
  const std::string en = report("--format html --claims " + claims.string());
  EXPECT_NE(en.find("Source &lt;i&gt;A&lt;/i&gt; &amp; B"), std::string::npos);
  EXPECT_NE(en.find("A note with &quot;quotes&quot; and &lt;b&gt;tags&lt;/b&gt;"), std::string::npos);
}

}  // namespace

// The comparison adjusted for case mix: its heading, the n each model used and every
// centre the JSON compares, in both languages; never the comparison by operator, which
// only a centre's own staff read through the API.
TEST_F(ReportCli, CentresComparedAdjustedForCaseMix) {
  const json r = json::parse(report("--format json"));
  ASSERT_TRUE(r["cross_centre"].is_object());
  EXPECT_TRUE(r["by_operator"].is_null());
  const std::string en = report("--format html"), fa = report("--format html --lang fa");
  EXPECT_NE(en.find("<h2>Centres compared, adjusted for case mix</h2>"), std::string::npos);
  EXPECT_NE(fa.find("<h2>مقایسه مراکز، تعدیل‌شده برای ترکیب بیماران</h2>"),
            std::string::npos);
  bool any_adjusted = false;
  for (const char* part : {"responders", "survival"}) {
    const json& c = r["cross_centre"][part];
    any_adjusted |= c["adjusted"].get<bool>();
    EXPECT_NE(en.find("Joints used: " + std::to_string(c["n"].get<int>()) + ";"), std::string::npos) << part;
    if (!c["adjusted"].get<bool>()) {
      EXPECT_NE(en.find(escaped(c["warnings"][0]["text"]["en"])), std::string::npos) << part;
      continue;
    }
    for (const auto& u : c["units"])
      EXPECT_NE(en.find("<td>" + escaped(u["label"]) + "</td>"), std::string::npos) << part << " " << u["label"];
  }
  EXPECT_EQ(en.find("class=\"figure ratio-funnel\"") != std::string::npos, any_adjusted);
  EXPECT_EQ(en.find("Injecting operators of"), std::string::npos);
}
