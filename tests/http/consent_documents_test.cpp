// A centre's consent documents over HTTP (issue 21): the surgeon writes the treatment
// consent with its sections and questions, a change before publication is the same draft,
// the admin publishes, a later change is the next version and the published one stays as
// patients will sign it; bad fields and a claim's figure written as a fact are refused
// naming the field and change nothing; the coordinator, another centre and the public
// cannot write, only the admin publishes; every write is audited.
#include <gtest/gtest.h>

#include "audit_rows_support.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

class ConsentDocumentsOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("clinic.db");
    seed(db_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
    surgeon_.port = admin_.port = coordinator_.port = other_admin_.port = public_.port = server_->port();
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
    ASSERT_EQ(admin_.login("admin.a").status, 200);
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(other_admin_.login("admin.b").status, 200);
  }
  static nlohmann::json body() {
    return {
        {"title_en", "Consent to the treatment"},
        {"title_fa", "رضایت به درمان"},
        {"sections",
         {{{"heading", {{"en", "What is done"}, {"fa", "چه انجام می‌شود"}}},
           {"body",
            {{"en", "Cells are taken from your hip bone.\n\n{{claim:success-75-85}}"},
             {"fa", "سلول‌ها از استخوان لگن گرفته می‌شود."}}}}}},
        {"questions",
         {{{"prompt", {{"en", "Is the treatment proven?"}, {"fa", "آیا درمان اثبات‌شده است؟"}}},
           {"options", {{{"en", "Yes"}, {"fa", "بله"}}, {{"en", "No"}, {"fa", "نه"}}}},
           {"correct", 1}}}}};
  }
  Reply save(Client& who, const nlohmann::json& b, const std::string& centre = "a") {
    return who.call("PUT", "/api/v1/centres/" + centre + "/consent-documents/treatment", b.dump());
  }
  Reply publish(Client& who, int version) {
    return who.call("POST", "/api/v1/centres/a/consent-documents/treatment/publication",
                    nlohmann::json{{"version", version}}.dump());
  }
  int audit_rows(const std::string& action) const { return audit_rows_of(db_, action); }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
  Client surgeon_, admin_, coordinator_, other_admin_, public_;
};

TEST_F(ConsentDocumentsOverHttp, WrittenPublishedAndVersionedAsPatientsWillSignIt) {
  Reply r = save(surgeon_, body());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], 1);
  EXPECT_EQ(r.json()["protocol"], "hip-msc-v1");
  EXPECT_EQ(r.json()["questions"][0]["correct"], 1);
  EXPECT_TRUE(r.json()["published_version"].is_null());
  EXPECT_EQ(save(surgeon_, body()).json()["version"], 1) << "the same content: nothing new";
  auto changed = body();
  changed["title_en"] = "Consent to the stem-cell treatment";
  EXPECT_EQ(save(surgeon_, changed).json()["version"], 1) << "a draft is saved over";
  EXPECT_EQ(publish(surgeon_, 1).status, 403) << "the admin publishes";
  r = publish(admin_, 1);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["published_by"], "admin.a");
  changed["title_en"] = "Consent to the autologous stem-cell treatment";
  r = save(surgeon_, changed);
  EXPECT_EQ(r.json()["version"], 2) << "a published version never changes";
  EXPECT_EQ(r.json()["published_version"], 1) << "patients still sign version 1";
  EXPECT_EQ(publish(admin_, 1).status, 409);
  const auto listed = admin_.get("/api/v1/centres/a/consent-documents").json()["documents"];
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["version"], 2);
  EXPECT_EQ(listed[0]["published_version"], 1);
  EXPECT_EQ(audit_rows("consent_document.save"), 3);
  EXPECT_EQ(audit_rows("consent_document.publish"), 1);
}

TEST_F(ConsentDocumentsOverHttp, BadFieldsAndClaimedFiguresAreRefusedNamingTheField) {
  const auto refused = [&](nlohmann::json b) {
    const Reply r = save(surgeon_, b);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["error"]["field"].get<std::string>();
  };
  auto b = body();
  b["sections"][0]["body"]["en"] = "It works for 85 % of patients.";
  EXPECT_EQ(refused(b), "sections[0].body_en");
  b = body();
  b["questions"][0]["correct"] = 5;
  EXPECT_EQ(refused(b), "questions[0].correct");
  b = body();
  b["sections"] = nlohmann::json::array();
  EXPECT_EQ(refused(b), "sections");
  b = body();
  b["protocol"] = "no-such-protocol";
  EXPECT_EQ(refused(b), "protocol");
  EXPECT_EQ(surgeon_.call("PUT", "/api/v1/centres/a/consent-documents/research", body().dump()).status, 422);
  EXPECT_TRUE(admin_.get("/api/v1/centres/a/consent-documents").json()["documents"].empty());
}

TEST_F(ConsentDocumentsOverHttp, OnlyTheCentresClinicalStaffWrite) {
  EXPECT_EQ(save(coordinator_, body()).status, 403);
  EXPECT_EQ(save(other_admin_, body()).status, 404);
  EXPECT_EQ(save(public_, body()).status, 401);
  EXPECT_EQ(other_admin_.get("/api/v1/centres/a/consent-documents").status, 404);
  EXPECT_EQ(audit_rows("consent_document.save"), 0);
}

}  // namespace
}  // namespace rp::test
