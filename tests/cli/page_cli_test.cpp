// `regenpath page save|publish|list` as the operator types them: a FAQ entry written from
// files in both languages, published, read back as the public reads it with the figure of
// the claim it embeds; a later save is a draft the public does not see; a claim's figure
// written as a fact, a bad slug or an earlier version refused naming the field, nothing
// changed.
#include <gtest/gtest.h>

#include <set>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string pages_db() { return (scratch() / "pages.db").string(); }
std::string pages_db_arg() { return "--db " + pages_db(); }

class PageCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove(pages_db());
    ASSERT_EQ(run("db init " + pages_db_arg(), "").exit_code, 0);
    ASSERT_EQ(run("centre add " + pages_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه", "").exit_code, 0);
    write_file("body-en.txt", "Under local anaesthesia.\n\n{{claim:serious-side-effects-under-1}}\n");
    write_file("body-fa.txt", "با بی‌حسی موضعی.\n\n{{claim:serious-side-effects-under-1}}\n");
  }
  static std::string save_args(const std::string& slug = "is-it-painful", const std::string& kind = "faq") {
    return "page save " + pages_db_arg() + " --centre c1 --slug " + slug + " --kind " + kind +
           " --position 3 --title-en 'Is it painful?' " + "--title-fa 'آیا دردناک است؟' --body-en-file " +
           (scratch() / "body-en.txt").string() + " --body-fa-file " + (scratch() / "body-fa.txt").string();
  }
  static nlohmann::json published() {
    const auto r = run("page list " + pages_db_arg() + " --centre c1 --published", "");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.json();
  }
};

TEST_F(PageCli, SavedFromFilesPublishedAndReadAsThePublicReadsIt) {
  auto r = run(save_args(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["version"], 1);
  EXPECT_EQ(r.json()["kind"], "faq");
  EXPECT_EQ(r.json()["blocks"]["fa"][1]["claim"], "serious-side-effects-under-1");
  EXPECT_TRUE(published()["pages"].empty());

  r = run("page publish " + pages_db_arg() + " --centre c1 --slug is-it-painful --version 1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["published_by"], "cli");
  auto pub = published();
  ASSERT_EQ(pub["pages"].size(), 1U);
  EXPECT_EQ(pub["pages"][0]["title"]["en"], "Is it painful?");
  ASSERT_EQ(pub["figures"].size(), 1U);
  EXPECT_EQ(pub["figures"][0]["claim"]["id"], "serious-side-effects-under-1");
  EXPECT_EQ(pub["figures"][0]["known"], false) << "no patient treated yet";

  // A later save is version 2, a draft; version 1 stays public and can no longer be published.
  write_file("body-en.txt", "Under local anaesthesia; mild pain for 2 to 3 days.\n");
  r = run(save_args(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["version"], 2);
  EXPECT_EQ(r.json()["published_version"], 1);
  EXPECT_EQ(published()["pages"][0]["version"], 1);
  r = run("page publish " + pages_db_arg() + " --centre c1 --slug is-it-painful --version 1", "");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.error_field(), "version");
  r = run("page list " + pages_db_arg() + " --centre c1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["pages"][0]["version"], 2);
  EXPECT_EQ(r.json()["pages"][0]["published_version"], 1);

  // Taken down with why: the public reads none of it; without a reason, refused.
  r = run("page withdraw " + pages_db_arg() + " --centre c1 --slug is-it-painful --reason ' '", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "reason");
  r = run("page withdraw " + pages_db_arg() + " --centre c1 --slug is-it-painful --reason 'the anaesthetic changed'",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["version"], 1) << "the version the public read";
  EXPECT_EQ(r.json()["withdrawn_reason"], "the anaesthetic changed");
  EXPECT_TRUE(published()["pages"].empty());
}

TEST_F(PageCli, RefusalsNameTheFieldAndChangeNothing) {
  write_file("body-en.txt", "Serious side effects happen in less than 1 % of cases.\n");
  auto r = run(save_args(), "");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.error_field(), "body_en");
  EXPECT_NE(r.err.find("claimed_figure_as_fact"), std::string::npos) << r.err;
  write_file("body-en.txt", "Fine.\n");
  r = run(save_args("'Bad Slug'"), "");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = run(save_args("is-it-painful", "blog"), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "kind");
  r = run("page list " + pages_db_arg() + " --centre c1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.json()["pages"].empty());
}

// The demo's pages, the seed article's questions answered, at a clinic large enough that
// some of its claims have a verdict: each figure is the centre's claim as the outcome
// report gives it, a known one with its estimate inside its interval.
TEST(DemoPages, ShowTheCentresMeasuredFiguresAsTheOutcomeReportGivesThem) {
  const std::string db = (scratch() / "demo-pages.db").string();
  std::filesystem::remove(db);
  ASSERT_EQ(run("demo --no-serve --patients 600 --db " + db, "").exit_code, 0);
  auto r = run("page list --db " + db + " --centre tehran-1 --published", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto pub = r.json();
  ASSERT_EQ(pub["pages"].size(), 7U);
  EXPECT_EQ(pub["pages"][0]["kind"], "page");
  r = run("report outcomes --db " + db + " --centre tehran-1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json report_claims;
  const auto report = r.json();
  for (const auto& scope : report["scopes"])
    if (scope["centre"] == "tehran-1") report_claims = scope["claims"];
  int known = 0;
  std::set<std::string> verdicts;
  for (const auto& f : pub["figures"]) {
    const auto& result = f["result"];
    nlohmann::json measured;
    for (const auto& c : report_claims)
      if (c["id"] == f["claim"]["id"]) measured = c;
    ASSERT_FALSE(measured.is_null()) << f["claim"]["id"];
    EXPECT_EQ(result["verdict"], measured["verdict"]) << f["claim"]["id"];
    if (!f["known"].get<bool>()) continue;
    ++known;
    verdicts.insert(result["verdict"].get<std::string>());
    EXPECT_EQ(result["n"], measured["n"]);
    EXPECT_EQ(result["estimate"], measured["estimate"]);
    EXPECT_GE(result["n"].get<int>(), f["claim"]["minimum"]["n"].get<int>());
    EXPECT_LE(result["lower"].get<double>(), result["estimate"].get<double>());
    EXPECT_GE(result["upper"].get<double>(), result["estimate"].get<double>());
  }
  EXPECT_GE(known, 2);
  EXPECT_EQ(verdicts, (std::set<std::string>{"consistent", "contradicted"})) << "both verdicts, as the demo has them";
  // The newer draft of one answer waits; the public reads version 1.
  r = run("page list --db " + db + " --centre tehran-1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto listed = r.json();
  for (const auto& p : listed["pages"])
    if (p["slug"] == "is-it-painful") {
      EXPECT_EQ(p["version"], 2);
      EXPECT_EQ(p["published_version"], 1);
    }
}

}  // namespace
}  // namespace rp::cli_test
