// One person, one record; one joint, one open treatment; dates that mean something.
// Tried as a busy coordinator would over HTTP: the same national id twice at a centre, a
// second open episode for the same hip, scheduling without consent, plans typed as
// 9999-12-31 or 1900-01-01, a plan in the past without a reason, a correction of what
// was done at the injection without one. Each is refused naming its field and changes
// nothing; the extremes of every accepted range are written and every screen reads back.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class RecordRules : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("rules.db");
    seeded_ = seed(db_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
    for (auto* c : {&coordinator_, &coordinator_b_, &surgeon_}) c->port = server_->port();
    EXPECT_EQ(coordinator_.login("coordinator.a").status, 200);
    EXPECT_EQ(coordinator_b_.login("coordinator.b").status, 200);
    EXPECT_EQ(surgeon_.login("surgeon.a").status, 200);
    today_ = Clock::system().today();
  }
  static nlohmann::json patient(const std::string& mrn, const std::string& national_id) {
    return {{"mrn", mrn},
            {"name_fa", "بیمار"},
            {"name_latin", "Patient"},
            {"sex", "female"},
            {"birth_date", "1960-05-01"},
            {"mobile", "09121234567"},
            {"national_id", national_id}};
  }
  std::string plan_path(std::int64_t episode) const { return "/api/v1/episodes/" + std::to_string(episode) + "/plan"; }
  void expect_refused(const Reply& r, int status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
  }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_, coordinator_b_, surgeon_;
  CivilDate today_;
};

TEST_F(RecordRules, OnePersonOneRecordPerCentreAndSeenElsewhere) {
  const std::string id = test_national_id("PERSON-1");
  const Reply first = coordinator_.post("/api/v1/patients", patient("P-1", id));
  ASSERT_EQ(first.status, 201) << first.body;
  // The same person again at the same centre, under another record number: refused.
  expect_refused(coordinator_.post("/api/v1/patients", patient("P-2", id)), 409, "national_id");
  EXPECT_EQ(coordinator_.get("/api/v1/patients?q=P-2").json().size(), 0u);
  // A correction may not give another patient's national id either.
  const std::string seeded = "/api/v1/patients/" + std::to_string(seeded_.patient_a);
  expect_refused(coordinator_.call("PATCH", seeded, nlohmann::json{{"national_id", id}, {"reason", "typo"}}.dump()),
                 409, "national_id");
  // At another centre the person may be registered too: each centre keeps its record, and
  // staff see that the same national id is registered elsewhere (the centre, not the record).
  const Reply elsewhere = coordinator_b_.post("/api/v1/patients", patient("Q-1", id));
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;
  const auto a_view = coordinator_.get("/api/v1/patients/" + std::to_string(first.json()["id"].get<int>())).json();
  EXPECT_EQ(a_view["same_national_id_at"], nlohmann::json::array({"b"}));
  EXPECT_EQ(a_view.dump().find("Q-1"), std::string::npos);
  EXPECT_EQ(coordinator_.get(seeded).json()["same_national_id_at"], nlohmann::json::array());
}

TEST_F(RecordRules, OneOpenEpisodePerJointAndConsentBeforeScheduling) {
  const std::string episodes = "/api/v1/patients/" + std::to_string(seeded_.patient_a) + "/episodes";
  // The seeded right hip is open (referred): a second right-hip episode is refused.
  expect_refused(
      coordinator_.post(episodes, {{"protocol", "hip-msc-v1"}, {"side", "right"}, {"diagnosis", {{"code", "M16.11"}}}}),
      409, "side");
  ASSERT_EQ(
      coordinator_.post(episodes, {{"protocol", "hip-msc-v1"}, {"side", "left"}, {"diagnosis", {{"code", "M16.12"}}}})
          .status,
      201);
  // Without consent to treatment nothing is scheduled.
  const Reply no_consent = coordinator_.post("/api/v1/patients", [&] {
    auto p = patient("NC-1", test_national_id("NC-1"));
    p["consent"] = {{"treatment", false}, {"registry", true}, {"contact", true}};
    return p;
  }());
  ASSERT_EQ(no_consent.status, 201) << no_consent.body;
  const auto e =
      coordinator_.post("/api/v1/patients/" + std::to_string(no_consent.json()["id"].get<int>()) + "/episodes",
                        {{"protocol", "hip-msc-v1"}, {"side", "left"}, {"diagnosis", {{"code", "M16.12"}}}});
  ASSERT_EQ(e.status, 201) << e.body;
  const std::string eid = std::to_string(e.json()["id"].get<int>());
  const auto step = [&](const Client& c, const nlohmann::json& body) {
    return c.post("/api/v1/episodes/" + eid + "/transitions", body);
  };
  ASSERT_EQ(step(coordinator_, {{"to", "screening"}}).status, 200);
  ASSERT_EQ(surgeon_.post("/api/v1/episodes/" + eid + "/eligibility", {{"findings", eligible_findings()}}).status, 200);
  ASSERT_EQ(step(surgeon_, {{"to", "eligible"}}).status, 200);
  ASSERT_EQ(step(coordinator_, {{"to", "workup"}}).status, 200);
  const std::string soon = today_.plus_days(30).iso();
  ASSERT_EQ(coordinator_.post(plan_path(std::stoll(eid)), {{"harvest", soon}, {"injection", soon}}).status, 200);
  expect_refused(step(coordinator_, {{"to", "scheduled"}}), 409, "consent");
  // Once the consent is recorded, the step is taken.
  ASSERT_EQ(coordinator_
                .call("PATCH", "/api/v1/patients/" + std::to_string(no_consent.json()["id"].get<int>()),
                      nlohmann::json{{"consent", {{"treatment", true}}}, {"reason", "signed the consent form"}}.dump())
                .status,
            200);
  EXPECT_EQ(step(coordinator_, {{"to", "scheduled"}}).status, 200);
}

TEST_F(RecordRules, PlansArePlausibleAndAPastPlanSaysWhy) {
  const std::string plan = plan_path(seeded_.episode_a);
  const auto before = coordinator_.get("/api/v1/episodes/" + std::to_string(seeded_.episode_a)).body;
  expect_refused(coordinator_.post(plan, {{"harvest", "9999-12-31"}, {"injection", "9999-12-31"}}), 422, "harvest");
  expect_refused(coordinator_.post(plan, {{"injection", "1900-01-01"}}), 422, "injection");
  expect_refused(coordinator_.post(plan, {{"harvest", today_.plus_days(731).iso()}}), 422, "harvest");
  expect_refused(coordinator_.post(plan, {{"harvest", today_.plus_days(-10).iso()}}), 422, "reason");
  EXPECT_EQ(coordinator_.get("/api/v1/episodes/" + std::to_string(seeded_.episode_a)).body, before);
  // The extremes of the range are taken, and every screen reads them back.
  for (const auto& [harvest, injection, reason] :
       {std::tuple{today_.plus_days(-365), today_.plus_days(-365), std::string("entered a year late")},
        std::tuple{today_.plus_days(730), today_.plus_days(730), std::string()}}) {
    SCOPED_TRACE(harvest.iso());
    nlohmann::json body = {{"harvest", harvest.iso()}, {"injection", injection.iso()}};
    if (!reason.empty()) body["reason"] = reason;
    const Reply r = coordinator_.post(plan, body);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const std::string& read : {"/api/v1/episodes/" + std::to_string(seeded_.episode_a),
                                    "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/timeline",
                                    "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/schedule",
                                    "/api/v1/patients/" + std::to_string(seeded_.patient_a),
                                    std::string("/api/v1/worklist"), std::string("/api/v1/patients?q=MRN-a")})
      EXPECT_EQ(coordinator_.get(read).status, 200) << read;
    const Client me = patient_client(server_->port(), dir_.file("log"), seeded_.patient_a);
    ASSERT_NE(me.port, 0);
    EXPECT_EQ(me.get("/api/v1/me/record").status, 200);
  }
  // Birth dates: today and 120 years ago are the ends of the range.
  for (const CivilDate& born : {today_, today_.plus_months(-12 * 120)}) {
    auto p = patient("B-" + born.iso(), test_national_id("B-" + born.iso()));
    p["birth_date"] = born.iso();
    const Reply r = coordinator_.post("/api/v1/patients", p);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(coordinator_.get("/api/v1/patients/" + std::to_string(r.json()["id"].get<int>())).status, 200);
  }
  auto old = patient("B-old", test_national_id("B-old"));
  old["birth_date"] = today_.plus_months(-12 * 120).plus_days(-1).iso();
  expect_refused(coordinator_.post("/api/v1/patients", old), 422, "birth_date");
}

}  // namespace
}  // namespace rp::test
