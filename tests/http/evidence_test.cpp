// The published evidence beside the claims over HTTP (issue 21): the surgeon writes an
// entry, anyone reads it without signing in with each claim's randomised support; a change
// is the entry's next version, the same words again write nothing; bad fields are refused
// naming the field and change nothing; a withdrawn entry is no longer shown and cannot be
// withdrawn twice; the coordinator, a patient and the public cannot write; every write is
// in the audit trail.
#include <gtest/gtest.h>

#include "audit_rows_support.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

class EvidenceOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("clinic.db");
    seeded_ = seed(db_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
    surgeon_.port = coordinator_.port = public_.port = server_->port();
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
  }

  static nlohmann::json body() {
    return {{"protocol", "hip-msc-v1"},
            {"claims", {"success-75-85"}},
            {"citation", "Mautner et al., Nature Medicine 2023 (MILES)"},
            {"year", 2023},
            {"design", "randomised_trial"},
            {"n", 480},
            {"stance", "supports"},
            {"finding_en", "An invented trial that supports the claim, for the test."},
            {"finding_fa", "کارآزمایی ساختگی برای آزمون."},
            {"link", "https://example.org/trial"}};
  }
  nlohmann::json listed() const { return public_.get("/api/v1/protocols/hip-msc-v1/evidence").json(); }
  static bool supported(const nlohmann::json& list, const std::string& claim) {
    for (const auto& c : list["claims"])
      if (c["claim"] == claim) return c["randomised_support"].get<bool>();
    ADD_FAILURE() << "no claim " << claim;
    return false;
  }
  int audit_rows(const std::string& action) const { return audit_rows_of(db_, action); }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client surgeon_, coordinator_, public_;
};

TEST_F(EvidenceOverHttp, TheSurgeonWritesAnEntryAnyoneReadsItBesideTheClaims) {
  auto list = listed();
  EXPECT_TRUE(list["entries"].empty());
  EXPECT_FALSE(supported(list, "success-75-85"));
  Reply r = surgeon_.call("PUT", "/api/v1/evidence/test-trial", body().dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], 1);
  EXPECT_EQ(r.json()["written_by"], "surgeon.a");
  list = listed();
  ASSERT_EQ(list["entries"].size(), 1U);
  EXPECT_EQ(list["entries"][0]["finding_fa"], "کارآزمایی ساختگی برای آزمون.");
  EXPECT_TRUE(supported(list, "success-75-85"));
  // The same words again: nothing written; a change: the next version.
  EXPECT_EQ(surgeon_.call("PUT", "/api/v1/evidence/test-trial", body().dump()).json()["version"], 1);
  auto changed = body();
  changed["stance"] = "contradicts";
  r = surgeon_.call("PUT", "/api/v1/evidence/test-trial", changed.dump());
  EXPECT_EQ(r.json()["version"], 2);
  EXPECT_FALSE(supported(listed(), "success-75-85"));
  EXPECT_EQ(audit_rows("evidence.save"), 2);
}

TEST_F(EvidenceOverHttp, BadFieldsAreRefusedNamingTheFieldAndChangeNothing) {
  for (const auto& [key, value, field] : std::vector<std::tuple<std::string, nlohmann::json, std::string>>{
           {"claims", nlohmann::json::array({"no-such-claim"}), "claims"},
           {"claims", nlohmann::json::array(), "claims"},
           {"design", "opinion", "design"},
           {"stance", "maybe", "stance"},
           {"year", 1700, "year"},
           {"n", 0, "n"},
           {"finding_fa", "", "finding_fa"},
           {"link", "http://example.org", "link"},
           {"protocol", "no-such-protocol", "protocol"}}) {
    auto bad = body();
    bad[key] = value;
    const Reply r = surgeon_.call("PUT", "/api/v1/evidence/test-trial", bad.dump());
    EXPECT_EQ(r.status, 422) << key << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << key << " " << r.body;
  }
  EXPECT_EQ(surgeon_.call("PUT", "/api/v1/evidence/Bad%20Id", body().dump()).json()["error"]["field"], "id");
  EXPECT_TRUE(listed()["entries"].empty());
  EXPECT_EQ(audit_rows("evidence.save"), 0);
}

TEST_F(EvidenceOverHttp, AWithdrawnEntryIsKeptAndNoLongerShown) {
  ASSERT_EQ(surgeon_.call("PUT", "/api/v1/evidence/test-trial", body().dump()).status, 200);
  const std::string withdrawal = "/api/v1/evidence/test-trial/withdrawal";
  EXPECT_EQ(surgeon_.call("POST", withdrawal, nlohmann::json{{"reason", " "}}.dump()).json()["error"]["field"],
            "reason");
  Reply r = surgeon_.call("POST", withdrawal, nlohmann::json{{"reason", "retracted by the journal"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["withdrawn_reason"], "retracted by the journal");
  EXPECT_TRUE(listed()["entries"].empty());
  EXPECT_FALSE(supported(listed(), "success-75-85"));
  EXPECT_EQ(surgeon_.call("POST", withdrawal, nlohmann::json{{"reason", "again"}}.dump()).status, 409);
  EXPECT_EQ(surgeon_.call("POST", "/api/v1/evidence/nothing/withdrawal", nlohmann::json{{"reason", "x"}}.dump()).status,
            404);
  // Written again, it stands again.
  r = surgeon_.call("PUT", "/api/v1/evidence/test-trial", body().dump());
  EXPECT_EQ(r.json()["version"], 2);
  EXPECT_EQ(listed()["entries"].size(), 1U);
  EXPECT_EQ(audit_rows("evidence.withdraw"), 1);
}

TEST_F(EvidenceOverHttp, OnlyTheClinicalLeadWrites) {
  EXPECT_EQ(coordinator_.call("PUT", "/api/v1/evidence/test-trial", body().dump()).status, 403);
  EXPECT_EQ(public_.call("PUT", "/api/v1/evidence/test-trial", body().dump()).status, 401);
  Client patient = patient_client(server_->port(), dir_.file("log"), seeded_.patient_a);
  EXPECT_EQ(patient.call("PUT", "/api/v1/evidence/test-trial", body().dump()).status, 403);
  EXPECT_EQ(public_.get("/api/v1/protocols/no-such/evidence").status, 422);
  EXPECT_TRUE(listed()["entries"].empty());
}

}  // namespace
}  // namespace rp::test
