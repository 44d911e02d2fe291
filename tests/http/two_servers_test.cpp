// Two servers on one PostgreSQL database, behind no proxy: a session opened on one is good
// on the other, and a write through one is what the other shows next, its cached
// timeline included (the data generation moves through LISTEN/NOTIFY). (A sign-out on one
// does not yet end the session on the other: each server keeps sessions in memory.)
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace rp::test
