// The episode timeline is rendered once and reused while nothing changed: every read
// still leaves its own audit row, another centre still gets "not found", and any change
// (through the API, or written to the file by another process) shows at the next read.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "base/gzip.hpp"
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

// A server on a seeded file; `c` is centre a's coordinator, `path` the timeline of
// centre a's episode.
class TimelineCache : public ::testing::Test {
 protected:
  void SetUp() override {
    seeded = seed(db);
    server = std::make_unique<ServerProcess>(db);
    c.port = server->port();
    ASSERT_EQ(c.login("coordinator.a").status, 200);
    path = timeline_of(seeded.episode_a);
  }
  static std::string timeline_of(std::int64_t episode) {
    return "/api/v1/episodes/" + std::to_string(episode) + "/timeline";
  }
  Client signed_in(const std::string& username) {
    Client out{server->port()};
    EXPECT_EQ(out.login(username).status, 200);
    return out;
  }

  TempDir dir;
  const std::string db = dir.file("timeline.db");
  Seeded seeded;
  std::unique_ptr<ServerProcess> server;
  Client c{0};
  std::string path;
};

TEST_F(TimelineCache, RepeatedReadsAreEachAuditedAndSeeEveryChange) {
  const Reply first = c.get(path);
  ASSERT_EQ(first.status, 200) << first.body;
  const Reply second = c.get(path);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(timeline_audit_rows(db, "coordinator.a"), 2);

  // Another centre's staff: not found, even while the rendering is kept.
  Client other = signed_in("surgeon.b");
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
TEST_F(TimelineCache, AnotherCentreIsRefusedBeforeAndAfterTheEpisodeIsKnown) {
  const std::string& path_a = path;
  const std::string path_b = timeline_of(seeded.episode_b);
  Client b = signed_in("surgeon.b");
  EXPECT_EQ(b.get(path_a).status, 404);  // never read yet: looked up in the store
  Client& a = c;
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

// HEAD on an API route answers as GET would, without the body, and is a read like any
// other: refused to another centre, audited.
TEST_F(TimelineCache, HeadIsAnAuditedReadWithoutTheBody) {
  const Reply get = c.get(path);
  ASSERT_EQ(get.status, 200);
  const Reply head = c.call("HEAD", path, "");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("content-type"), "application/json");
  EXPECT_EQ(timeline_audit_rows(db, "coordinator.a"), 2);
  EXPECT_EQ(signed_in("surgeon.b").call("HEAD", path, "").status, 404);
}

// A browser asks for gzip: the timeline comes compressed, unpacks to exactly the body a
// client without gzip gets, is audited like any read, and shows a change at once (the
// kept gzip form goes with the rendering it was made from).
TEST_F(TimelineCache, GzipWhenAcceptedIsTheSameTimeline) {
  // Planned, the episode has its whole schedule: a timeline of real size.
  const std::string episode = "/api/v1/episodes/" + std::to_string(seeded.episode_a);
  Client surgeon = signed_in("surgeon.a");
  ASSERT_EQ(c.post(episode + "/transitions", {{"to", "screening"}}).status, 200);
  const Reply eligibility = surgeon.post(episode + "/eligibility", {{"findings", eligible_findings()}});
  ASSERT_EQ(eligibility.status, 200) << eligibility.body;
  ASSERT_EQ(surgeon.post(episode + "/transitions", {{"to", "eligible"}}).status, 200);
  ASSERT_EQ(surgeon.post(episode + "/transitions", {{"to", "workup"}}).status, 200);
  const std::string today = Clock::system().today().iso();
  ASSERT_EQ(c.post(episode + "/plan", {{"harvest", today}, {"injection", today}}).status, 200);

  const std::map<std::string, std::string> browser = {{"Accept-Encoding", "gzip, deflate, br"}};
  const Reply plain = c.get(path);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  for (int i = 0; i < 2; ++i) {  // made, then kept
    const Reply packed = c.call("GET", path, "", browser);
    ASSERT_EQ(packed.status, 200);
    EXPECT_EQ(packed.header("content-encoding"), "gzip");
    EXPECT_EQ(packed.header("vary"), "Accept-Encoding");
    EXPECT_EQ(packed.header("content-length"), std::to_string(packed.body.size()));
    EXPECT_LT(packed.body.size() * 3, plain.body.size());
    EXPECT_EQ(gzip_decompress(packed.body, 1 << 24), plain.body);
  }
  const Reply head = c.call("HEAD", path, "", browser);
  EXPECT_EQ(head.header("content-encoding"), "gzip");
  EXPECT_EQ(head.header("content-length"), std::to_string(gzip_compress(plain.body).size()));
  EXPECT_EQ(timeline_audit_rows(db, "coordinator.a"), 4);

  const nlohmann::json answers = {{"instrument", "nrs"}, {"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}};
  ASSERT_EQ(c.post("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/questionnaires", answers).status, 201);
  const auto after = nlohmann::json::parse(gzip_decompress(c.call("GET", path, "", browser).body, 1 << 24));
  EXPECT_EQ(after["questionnaires"].size(), 1u);
  // Another centre gets its refusal, not a compressed body.
  Client other = signed_in("surgeon.b");
  const Reply refused = other.call("GET", path, "", browser);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.header("content-encoding"), "");
}

// The CSRF token is never sent compressed (BREACH), however the client asks.
TEST_F(TimelineCache, TheSessionAnswerIsNeverCompressed) {
  const Reply me = c.call("GET", "/api/v1/auth/me", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.header("content-encoding"), "");
  EXPECT_EQ(me.json()["csrf_token"], c.csrf);
}

}  // namespace
}  // namespace rp::test
