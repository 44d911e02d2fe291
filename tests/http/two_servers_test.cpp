// Two servers on one PostgreSQL database, behind no proxy: a session opened on one is good
// on the other, and a write through one is what the other shows next, its cached
// timeline included (the data generation moves through LISTEN/NOTIFY). A sign-out, or an
// account disabled, on one ends the session on the other as soon as the notice arrives:
// well before the other's timed recheck of its cached sessions (AuthPolicy::recheck_ms).
#include <gtest/gtest.h>

#include <chrono>

#include "http_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

TEST(TwoServersOnPostgres, AWriteThroughOneIsWhatTheOtherShowsNext) {
  TempDir dir;
  const std::string db = PgTestCluster::shared().fresh_database();
  const Seeded seeded = seed(db);
  const std::vector<std::string> env = {"REGENPATH_AUDIT_KEY=" + dir.file("audit.key"),
                                        "REGENPATH_AUDIT_ANCHORS=" + dir.file("anchors")};
  ServerProcess first(db, env), second(db, env);
  Client on_first{first.port()};
  ASSERT_EQ(on_first.login("coordinator.a").status, 200);
  Client on_second = on_first;  // the same session, sent to the other server
  on_second.port = second.port();
  const std::string timeline = "/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/timeline";

  Reply r = on_second.get(timeline);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "referred");
  r = on_first.post("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/transitions", {{"to", "screening"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // The other server's notice arrives within milliseconds; its next read shows the step.
  std::string state;
  for (int i = 0; i < 100 && state != "screening"; ++i) {
    if (i > 0) ::usleep(20 * 1000);
    r = on_second.get(timeline);
    ASSERT_EQ(r.status, 200) << r.body;
    state = r.json()["state"].get<std::string>();
  }
  EXPECT_EQ(state, "screening");
}

// Two servers sharing one session, confirmed on the second (so it sits in its cache).
class TwoServersSharingASession : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(on_first_.login("coordinator.a").status, 200);
    on_second_ = on_first_;
    on_second_.port = second_.port();
    confirmed_at_ = std::chrono::steady_clock::now();
    const Reply r = on_second_.get("/api/v1/patients");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // The milliseconds from the second server's confirmation of the session to its first
  // refusal of it, or -1 when it still takes it after `limit_ms`.
  std::int64_t ms_until_second_refuses(std::int64_t limit_ms) {
    for (;;) {
      const Reply r = on_second_.get("/api/v1/patients");
      const auto elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - confirmed_at_)
              .count();
      if (r.status == 401) return elapsed;
      EXPECT_EQ(r.status, 200) << r.body;
      if (elapsed > limit_ms) return -1;
      ::usleep(20 * 1000);
    }
  }

  TempDir dir_;
  std::string db_ = PgTestCluster::shared().fresh_database();
  std::vector<std::string> env_ = {"REGENPATH_AUDIT_KEY=" + dir_.file("audit.key"),
                                   "REGENPATH_AUDIT_ANCHORS=" + dir_.file("anchors")};
  Seeded seeded_ = seed(db_);  // before the servers start: members are made in this order
  ServerProcess first_{db_, env_}, second_{db_, env_};
  Client on_first_{first_.port()};
  Client on_second_{0};
  std::chrono::steady_clock::time_point confirmed_at_;
};

// The second server's timed recheck comes 2 s after its confirmation at the earliest; a
// refusal before that can only come from the notice of the change.
constexpr std::int64_t kBeforeTimedRecheckMs = 1800;

TEST_F(TwoServersSharingASession, ASignOutThroughOneEndsTheSessionOnTheOther) {
  const Reply r = on_first_.post("/api/v1/auth/logout", nlohmann::json::object());
  ASSERT_EQ(r.status / 100, 2) << r.body;
  const std::int64_t ms = ms_until_second_refuses(kBeforeTimedRecheckMs);
  EXPECT_GE(ms, 0) << "the second server still takes the signed-out session";
  EXPECT_LT(ms, kBeforeTimedRecheckMs);
  EXPECT_EQ(on_first_.get("/api/v1/patients").status, 401);
}

TEST_F(TwoServersSharingASession, AnAccountDisabledOnOneIsRefusedByTheOther) {
  Client admin{first_.port()};
  ASSERT_EQ(admin.login("admin.a").status, 200);
  const Reply listed = admin.get("/api/v1/accounts");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const nlohmann::json accounts = listed.json();
  std::int64_t id = 0;
  for (const auto& a : accounts)
    if (a["username"] == "coordinator.a") id = a["id"].get<std::int64_t>();
  ASSERT_GT(id, 0) << accounts;
  const Reply r = admin.call("PATCH", "/api/v1/accounts/" + std::to_string(id), R"({"disabled":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::int64_t ms = ms_until_second_refuses(kBeforeTimedRecheckMs);
  EXPECT_GE(ms, 0) << "the second server still takes the disabled account's session";
  EXPECT_LT(ms, kBeforeTimedRecheckMs);
}

}  // namespace
}  // namespace rp::test
