// Education pages over HTTP (issue 19): a centre's coordinator writes a page and a FAQ
// entry in both languages, the admin publishes, anyone reads the published version with
// the centre's figure for each claim it embeds; a later save is a draft the public does
// not see until published; bad fields, a claim's figure written as a fact and an unknown
// claim are refused naming the field and change nothing; other centres, patients and the
// public cannot write, and only the admin publishes.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class EducationPagesOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = dir_.file("clinic.db");
    seeded_ = seed(db);
    server_ = std::make_unique<ServerProcess>(db, std::vector<std::string>{}, dir_.file("log"));
    admin_.port = other_admin_.port = coordinator_.port = lab_.port = public_.port = server_->port();
    ASSERT_EQ(admin_.login("admin.a").status, 200);
    ASSERT_EQ(other_admin_.login("admin.b").status, 200);
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(lab_.login("lab.a").status, 200);
    patient_ = patient_client(server_->port(), dir_.file("log"), seeded_.patient_a);
    ASSERT_NE(patient_.port, 0);
  }

  static nlohmann::json page_body() {
    return {
        {"kind", "faq"},
        {"position", 10},
        {"title_en", "How soon will I feel better?"},
        {"title_fa", "چه زمانی بهتر می‌شوم؟"},
        {"body_en", "Visits are at 2, 6 and 12 weeks.\n\n{{claim:pain-relief-80-6m}}\n\nAsk your surgeon."},
        {"body_fa", "ویزیت‌ها در هفته‌های ۲، ۶ و ۱۲ است.\n\n{{claim:pain-relief-80-6m}}"}};
  }
  Reply save(Client& who, const nlohmann::json& body, const std::string& centre = "a",
             const std::string& slug = "feel-better") {
    return who.call("PUT", "/api/v1/centres/" + centre + "/pages/" + slug, body.dump());
  }
  Reply publish(Client& who, std::int64_t version, const std::string& slug = "feel-better") {
    return who.call("POST", "/api/v1/centres/a/pages/" + slug + "/publication",
                    nlohmann::json{{"version", version}}.dump());
  }
  nlohmann::json published() {
    const Reply r = public_.get("/api/v1/directory/centres/a/pages");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  TempDir dir_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client admin_, other_admin_, coordinator_, lab_, public_, patient_;
};

TEST_F(EducationPagesOverHttp, WrittenByStaffPublishedByTheAdminReadByAnyoneWithTheMeasuredFigure) {
  Reply r = save(coordinator_, page_body());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], 1);
  EXPECT_EQ(r.json()["published_at"], "");
  EXPECT_TRUE(r.json()["published_version"].is_null());
  EXPECT_EQ(r.json()["blocks"]["en"].size(), 3U);
  EXPECT_EQ(r.json()["blocks"]["en"][1]["claim"], "pain-relief-80-6m");
  EXPECT_TRUE(published()["pages"].empty()) << "a draft is not public";

  // Saved again unchanged: nothing new. Changed before publication: the same draft.
  EXPECT_EQ(save(coordinator_, page_body()).json()["version"], 1);
  auto changed = page_body();
  changed["body_fa"] = "ویزیت‌ها در هفته‌های ۲، ۶ و ۱۲ است.";
  EXPECT_EQ(save(coordinator_, changed).json()["version"], 1);

  EXPECT_EQ(publish(coordinator_, 1).status, 403) << "the admin publishes";
  r = publish(admin_, 1);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["published_by"], "admin.a");

  auto pub = published();
  ASSERT_EQ(pub["pages"].size(), 1U);
  EXPECT_EQ(pub["pages"][0]["title"]["fa"], "چه زمانی بهتر می‌شوم؟");
  EXPECT_EQ(pub["pages"][0]["written_by"], "") << "no staff names for the public";
  EXPECT_EQ(pub["pages"][0]["published_by"], "");
  ASSERT_EQ(pub["figures"].size(), 1U);
  const auto& figure = pub["figures"][0];
  EXPECT_EQ(figure["claim"]["id"], "pain-relief-80-6m");
  EXPECT_NE(figure["claim"]["words"]["en"].get<std::string>().find("80"), std::string::npos)
      << "the claim is quoted as a claim";
  // The seeded clinic has treated too few to know: the figure says so, with its verdict.
  EXPECT_EQ(figure["known"], false);
  EXPECT_EQ(figure["result"]["verdict"], "insufficient_data");
  EXPECT_EQ(figure["as_of"].get<std::string>().substr(0, 10), Clock::system().now_iso().substr(0, 10))
      << "the figures say when their data are from";

  // A later save is version 2, a draft: the public keeps reading version 1.
  changed["body_en"] = "Most patients come back to light activity in the second week.";
  r = save(coordinator_, changed);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], 2);
  EXPECT_EQ(r.json()["published_version"], 1);
  pub = published();
  EXPECT_EQ(pub["pages"][0]["version"], 1);
  EXPECT_EQ(pub["figures"].size(), 1U);
  EXPECT_EQ(publish(admin_, 1).status, 409) << "only the latest version is published";
  ASSERT_EQ(publish(admin_, 2).status, 200);
  pub = published();
  EXPECT_EQ(pub["pages"][0]["version"], 2);
  EXPECT_TRUE(pub["figures"].empty()) << "version 2 embeds no claim";

  r = coordinator_.get("/api/v1/centres/a/pages/feel-better/versions");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["versions"].size(), 2U);
  EXPECT_EQ(r.json()["versions"][0]["published_by"], "admin.a");
}

TEST_F(EducationPagesOverHttp, APublishedPageIsWithdrawnWithWhyAndStandsAgainWhenPublishedAgain) {
  ASSERT_EQ(save(coordinator_, page_body()).status, 200);
  const std::string withdrawal = "/api/v1/centres/a/pages/feel-better/withdrawal";
  // Nothing published yet: nothing to withdraw.
  Reply r = admin_.call("POST", withdrawal, nlohmann::json{{"reason", "wrong"}}.dump());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], "page_not_published");
  ASSERT_EQ(publish(admin_, 1).status, 200);
  ASSERT_EQ(published()["pages"].size(), 1U);
  // A reason is required; the coordinator and another centre's admin may not.
  EXPECT_EQ(admin_.call("POST", withdrawal, nlohmann::json{{"reason", ""}}.dump()).json()["error"]["field"], "reason");
  EXPECT_EQ(coordinator_.call("POST", withdrawal, nlohmann::json{{"reason", "x"}}.dump()).status, 403);
  EXPECT_EQ(other_admin_.call("POST", withdrawal, nlohmann::json{{"reason", "x"}}.dump()).status, 404);
  ASSERT_EQ(published()["pages"].size(), 1U);
  r = admin_.call("POST", withdrawal, nlohmann::json{{"reason", "the visits changed"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["withdrawn_reason"], "the visits changed");
  EXPECT_TRUE(published()["pages"].empty()) << "the public reads none of it";
  const auto listed = admin_.get("/api/v1/centres/a/pages").json()["pages"];
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_TRUE(listed[0]["published_version"].is_null());
  EXPECT_EQ(listed[0]["withdrawn_reason"], "the visits changed");
  EXPECT_EQ(admin_.call("POST", withdrawal, nlohmann::json{{"reason", "again"}}.dump()).status, 409);
  // Published again, it stands again.
  r = publish(admin_, 1);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().contains("withdrawn_at"));
  EXPECT_EQ(published()["pages"].size(), 1U);
}

TEST_F(EducationPagesOverHttp, PagesAndQuestionsAreListedInTheirOrder) {
  auto page = page_body();
  page["kind"] = "page";
  page["position"] = 5;
  ASSERT_EQ(save(coordinator_, page, "a", "about").status, 200);
  auto second = page_body();
  second["position"] = 1;
  ASSERT_EQ(save(coordinator_, second, "a", "first-question").status, 200);
  ASSERT_EQ(save(coordinator_, page_body(), "a", "second-question").status, 200);
  for (const char* slug : {"about", "first-question", "second-question"})
    ASSERT_EQ(publish(admin_, 1, slug).status, 200);
  const auto pub = published();
  ASSERT_EQ(pub["pages"].size(), 3U);
  EXPECT_EQ(pub["pages"][0]["slug"], "about");
  EXPECT_EQ(pub["pages"][1]["slug"], "first-question");
  EXPECT_EQ(pub["pages"][2]["slug"], "second-question");
  EXPECT_EQ(pub["figures"].size(), 1U) << "one figure for the claim all three embed";
  const Reply list = admin_.get("/api/v1/centres/a/pages");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["pages"].size(), 3U);
}

TEST_F(EducationPagesOverHttp, BadFieldsAndClaimedFiguresAreRefusedNamingTheFieldAndChangeNothing) {
  const auto refused = [&](const std::string& field, const nlohmann::json& value, const std::string& slug = "ok") {
    auto body = page_body();
    body[field] = value;
    return save(coordinator_, body, "a", slug);
  };
  struct Case {
    std::string field;
    nlohmann::json value;
    std::string reason;
  };
  for (const auto& c : std::vector<Case>{
           {"kind", "blog", "unknown_page_kind"},
           {"position", -1, "integer_range"},
           {"title_en", "", "required"},
           {"title_fa", "دو\nخط", ""},
           {"body_en", "Our success rate is 75 to 85 %.", "claimed_figure_as_fact"},
           {"body_fa", "۸۰ درصد بیماران درد کمتری دارند.", "claimed_figure_as_fact"},
           {"body_en", "{{claim:no-such-claim}}", "unknown_claim_in_page"},
           {"body_fa", "{{claim:success", "bad_page_embed"},
           {"protocol", "no-such-protocol", "unknown_protocol"},
       }) {
    const Reply r = refused(c.field, c.value);
    EXPECT_EQ(r.status, 422) << c.field << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field) << r.body;
    if (!c.reason.empty()) {
      EXPECT_EQ(r.json()["error"]["reason"], c.reason) << r.body;
    }
  }
  Reply r = save(coordinator_, page_body(), "a", "Not_A_Slug");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "slug");
  // The refusal in Persian names the claim.
  auto body = page_body();
  body["body_en"] = "Success: 85 %";
  r = coordinator_.call("PUT", "/api/v1/centres/a/pages/ok", body.dump(), {{"Accept-Language", "fa"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("success-75-85"), std::string::npos) << r.body;
  EXPECT_TRUE(admin_.get("/api/v1/centres/a/pages").json()["pages"].empty()) << "nothing was written";
}

TEST_F(EducationPagesOverHttp, OnlyTheCentresStaffWriteAndOnlyItsAdminPublishes) {
  ASSERT_EQ(save(coordinator_, page_body()).status, 200);
  EXPECT_EQ(save(other_admin_, page_body()).status, 404) << "another centre's admin";
  EXPECT_EQ(other_admin_.get("/api/v1/centres/a/pages").status, 404);
  EXPECT_EQ(other_admin_.call("POST", "/api/v1/centres/a/pages/feel-better/publication", R"({"version":1})").status,
            404);
  EXPECT_EQ(save(lab_, page_body()).status, 403) << "the laboratory writes no pages";
  EXPECT_EQ(save(patient_, page_body()).status, 403);
  EXPECT_EQ(save(public_, page_body()).status, 401);
  EXPECT_EQ(public_.get("/api/v1/directory/centres/nowhere/pages").status, 404);
  EXPECT_EQ(admin_.get("/api/v1/centres/a/pages/none/versions").status, 404);
  EXPECT_EQ(publish(admin_, 1, "none").status, 404);
  EXPECT_TRUE(published()["pages"].empty());
}

}  // namespace
}  // namespace rp::test
