// The episode timeline is rendered once and reused while nothing changed: every read
// still leaves its own audit row, another centre still gets "not found", and any change
// (through the API, or written to the file by another process) shows at the next read.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

int timeline_audit_rows(const std::string& db, const std::string& actor) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d,
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'episode.read' AND detail = 'timeline' "
                      "AND actor = ?");
  q.bind(1, actor);
  q.executeStep();
  return q.getColumn(0).getInt();
}

TEST(TimelineCache, RepeatedReadsAreEachAuditedAndSeeEveryChange) {
  TempDir dir;
  const std::string db = dir.file("timeline.db");
  const Seeded seeded = seed(db);
  ServerProcess server(db);
  Client c{server.port()};
  ASSERT_EQ(c.login("coordinator.a").status, 200);
  const std::string path = "/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/timeline";

  const Reply first = c.get(path);
  ASSERT_EQ(first.status, 200) << first.body;
  const Reply second = c.get(path);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(timeline_audit_rows(db, "coordinator.a"), 2);

  // Another centre's staff: not found, even while the rendering is kept.
  Client other{server.port()};
  ASSERT_EQ(other.login("surgeon.b").status, 200);
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(timeline_audit_rows(db, "surgeon.b"), 0);

  // A change through the API shows at once.
  const nlohmann::json answers = {{"instrument", "nrs"}, {"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}};
  ASSERT_EQ(c.post("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/questionnaires", answers).status, 201);
  const Reply after_submit = c.get(path);
  ASSERT_EQ(after_submit.status, 200);
  EXPECT_EQ(after_submit.json()["questionnaires"].size(), 1u);

  // So does one written to the file by another process (the CLI, say).
  {
    SQLite::Database d(db, SQLite::OPEN_READWRITE);
    d.setBusyTimeout(5000);
    d.exec("UPDATE episodes SET kl_grade = 3 WHERE id = " + std::to_string(seeded.episode_a));
  }
  const Reply after_other = c.get(path);
  ASSERT_EQ(after_other.status, 200);
  EXPECT_EQ(after_other.json()["kl_grade"], 3);
  EXPECT_EQ(timeline_audit_rows(db, "coordinator.a"), 4);
}

// The centre check runs before any audit row is written, from the store the first time
// and from memory after: both refuse another centre alike, and leave no row.
TEST(TimelineCache, AnotherCentreIsRefusedBeforeAndAfterTheEpisodeIsKnown) {
  TempDir dir;
  const std::string db = dir.file("centres.db");
  const Seeded seeded = seed(db);
  ServerProcess server(db);
  const std::string path_a = "/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/timeline";
  const std::string path_b = "/api/v1/episodes/" + std::to_string(seeded.episode_b) + "/timeline";
  Client b{server.port()};
  ASSERT_EQ(b.login("surgeon.b").status, 200);
  EXPECT_EQ(b.get(path_a).status, 404);  // never read yet: looked up in the store
  Client a{server.port()};
  ASSERT_EQ(a.login("coordinator.a").status, 200);
  ASSERT_EQ(a.get(path_a).status, 200);
  EXPECT_EQ(b.get(path_a).status, 404);  // now known
  EXPECT_EQ(b.get(path_a).status, 404);
  EXPECT_EQ(timeline_audit_rows(db, "surgeon.b"), 0);
  EXPECT_EQ(a.get(path_b).status, 404);
  EXPECT_EQ(b.get(path_b).status, 200);
  EXPECT_EQ(b.get(path_b).status, 200);
  EXPECT_EQ(timeline_audit_rows(db, "surgeon.b"), 2);
  EXPECT_EQ(timeline_audit_rows(db, "coordinator.a"), 1);
  // An episode that does not exist is not found either way.
  EXPECT_EQ(a.get("/api/v1/episodes/999999/timeline").status, 404);
  EXPECT_EQ(a.get("/api/v1/episodes/999999/timeline").status, 404);
}

}  // namespace
}  // namespace rp::test
