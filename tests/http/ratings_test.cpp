// Patients' ratings over HTTP (issue 19): the patient rates their treatment on the portal
// once the 12-week visit is done, changes it (the last counts), and the comment reaches
// the public summary only once the centre's admin approves it; staff cannot rate, a
// patient cannot rate before the visit or another's episode, another centre's admin
// cannot moderate, and bad stars or comments are refused naming the field.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class RatingsOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = dir_.file("clinic.db");
    seeded_ = seed(db);
    {
      // Episode a's 12-week visit done, as the clinic records it months after the injection.
      auto store = store::open_sqlite(db);
      store->write([&](store::Transaction& tx) {
        auto items = tx.schedule_of(seeded_.episode_a);
        ScheduledItem visit;
        visit.id = "visit-12w";
        visit.kind = "visit";
        visit.anchor = "injection";
        visit.offset = "+12w";
        visit.start = visit.end = visit.window_start = visit.window_end = Clock::system().today().plus_days(-3);
        visit.status = ItemStatus::done;
        visit.done_on = visit.start;
        items.push_back(visit);
        tx.replace_schedule(seeded_.episode_a, items);
      });
    }
    server_ = std::make_unique<ServerProcess>(db, std::vector<std::string>{}, dir_.file("log"));
    admin_.port = other_admin_.port = coordinator_.port = public_.port = server_->port();
    ASSERT_EQ(admin_.login("admin.a").status, 200);
    ASSERT_EQ(other_admin_.login("admin.b").status, 200);
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    patient_a_ = patient_client(server_->port(), dir_.file("log"), seeded_.patient_a);
    patient_b_ = patient_client(server_->port(), dir_.file("log"), seeded_.patient_b);
    ASSERT_NE(patient_a_.port, 0);
    ASSERT_NE(patient_b_.port, 0);
  }

  std::string own(std::int64_t episode) const { return "/api/v1/me/episodes/" + std::to_string(episode) + "/rating"; }
  Reply rate(Client& who, std::int64_t episode, const nlohmann::json& body) {
    return who.call("PUT", own(episode), body.dump());
  }
  nlohmann::json summary() {
    const Reply r = public_.get("/api/v1/directory/centres/a/ratings");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  TempDir dir_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client admin_, other_admin_, coordinator_, public_, patient_a_, patient_b_;
};

TEST_F(RatingsOverHttp, APatientRatesAfterTheVisitTheLastCountsAndTheAdminApprovesTheComment) {
  Reply r = patient_a_.get(own(seeded_.episode_a));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["may_rate"], true);
  EXPECT_FALSE(r.json().contains("rating"));

  r = rate(patient_a_, seeded_.episode_a, {{"stars", 4}, {"comment", "  Less pain on the stairs.  "}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::int64_t id = r.json()["id"];
  EXPECT_EQ(r.json()["comment"], "Less pain on the stairs.");
  EXPECT_EQ(r.json()["comment_status"], "pending");
  auto s = summary();
  EXPECT_EQ(s["ratings"]["count"], 1);
  EXPECT_EQ(s["ratings"]["mean"], 4.0);
  EXPECT_EQ(s["ratings"]["distribution"], nlohmann::json({0, 0, 0, 1, 0}));
  EXPECT_TRUE(s["comments"].empty()) << "a comment waits for the admin";

  // The admin sees it waiting and approves it: the public reads it, never who wrote it.
  r = admin_.get("/api/v1/centres/a/ratings?pending=true");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["ratings"].size(), 1U);
  r = admin_.post("/api/v1/ratings/" + std::to_string(id) + "/moderation", {{"decision", "approve"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["comment_status"], "approved");
  EXPECT_EQ(r.json()["moderated_by"], "admin.a");
  s = summary();
  ASSERT_EQ(s["comments"].size(), 1U);
  EXPECT_EQ(s["comments"][0]["comment"], "Less pain on the stairs.");
  EXPECT_EQ(s["comments"][0]["stars"], 4);
  EXPECT_FALSE(s["comments"][0].contains("episode_id"));
  EXPECT_TRUE(admin_.get("/api/v1/centres/a/ratings?pending=true").json()["ratings"].empty());
  // The comment's day is the clinic's: half past midnight in Tehran is 21:00 UTC the day before.
  {
    SQLite::Database d(dir_.file("clinic.db"), SQLite::OPEN_READWRITE);
    d.exec("UPDATE ratings SET updated_at = '2026-03-20T21:00:00.000Z'");
  }
  EXPECT_EQ(summary()["comments"][0]["date"], "2026-03-21");

  // More stars, the same comment: still approved, and the last rating counts.
  r = rate(patient_a_, seeded_.episode_a, {{"stars", 5}, {"comment", "Less pain on the stairs."}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["id"], id);
  EXPECT_EQ(r.json()["comment_status"], "approved");
  s = summary();
  EXPECT_EQ(s["ratings"]["count"], 1);
  EXPECT_EQ(s["ratings"]["mean"], 5.0);
  // A new comment waits again and leaves the public page.
  r = rate(patient_a_, seeded_.episode_a, {{"stars", 5}, {"comment", "Walking without a stick now."}});
  EXPECT_EQ(r.json()["comment_status"], "pending");
  EXPECT_TRUE(summary()["comments"].empty());
  EXPECT_EQ(patient_a_.get(own(seeded_.episode_a)).json()["rating"]["stars"], 5);
}

TEST_F(RatingsOverHttp, RatingsAreThePatientsAndOnlyAfterTheVisit) {
  // Staff: refused, naming the role.
  Reply r = rate(coordinator_, seeded_.episode_a, {{"stars", 5}});
  EXPECT_EQ(r.status, 403) << r.body;
  // Another patient's episode: not found; one's own before its 12-week visit: refused.
  r = rate(patient_b_, seeded_.episode_a, {{"stars", 1}});
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(patient_b_.get(own(seeded_.episode_b)).json()["may_rate"], false);
  r = rate(patient_b_, seeded_.episode_b, {{"stars", 5}});
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], "rating_before_12_week_visit");
  // Stars out of 1-5, a comment too long or with a control character: the field named.
  for (const auto& [body, field] : std::vector<std::pair<nlohmann::json, std::string>>{
           {{{"stars", 0}}, "stars"},
           {{{"stars", 6}}, "stars"},
           {{{"stars", "five"}}, "stars"},
           {{{"stars", 3}, {"comment", std::string(1001, 'a')}}, "comment"},
           {{{"stars", 3}, {"comment", "fine\x01"}}, "comment"}}) {
    r = rate(patient_a_, seeded_.episode_a, body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
  }
  EXPECT_EQ(summary()["ratings"]["count"], 0) << "nothing was written";
  EXPECT_FALSE(patient_a_.get(own(seeded_.episode_a)).json().contains("rating"));
}

TEST_F(RatingsOverHttp, OnlyTheCentresAdminModerates) {
  Reply r = rate(patient_a_, seeded_.episode_a, {{"stars", 2}, {"comment", "The harvest hurt."}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string moderation =
      "/api/v1/ratings/" + std::to_string(r.json()["id"].get<std::int64_t>()) + "/moderation";
  EXPECT_EQ(other_admin_.post(moderation, {{"decision", "approve"}}).status, 404);
  EXPECT_EQ(other_admin_.get("/api/v1/centres/a/ratings").status, 404);
  EXPECT_EQ(coordinator_.post(moderation, {{"decision", "approve"}}).status, 403);
  r = admin_.post(moderation, {{"decision", "maybe"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "decision");
  r = admin_.post(moderation, {{"decision", "reject"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["comment_status"], "rejected");
  EXPECT_TRUE(summary()["comments"].empty());
  EXPECT_EQ(summary()["ratings"]["count"], 1) << "a rejected comment's stars still count";
  EXPECT_EQ(public_.get("/api/v1/directory/centres/nowhere/ratings").status, 404);
}

}  // namespace
}  // namespace rp::test
