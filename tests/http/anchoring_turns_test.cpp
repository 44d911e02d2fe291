// Two servers on one PostgreSQL database, both set to anchor the audit chain every second
// into one anchor file: they take turns through the anchoring lock (Store::try_work_lock),
// so the file holds one chain, each anchor naming a later row than the one before, none
// signed twice for the same head (both servers idle with the head still is where a
// server without the lock would sign it again), every line whole, and the log verifies
// against it.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "http_test_support.hpp"
#include "service/audit.hpp"
#include "store/audit_anchor_file.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

TEST(AnchoringOnTwoServers, TheServersAnchorInTurnsIntoOneChain) {
  TempDir dir;
  const std::string db = PgTestCluster::shared().fresh_database();
  seed(db);
  const std::string key = dir.file("audit.key"), anchors = dir.file("anchors");
  const std::vector<std::string> env = {"REGENPATH_AUDIT_KEY=" + key, "REGENPATH_AUDIT_ANCHORS=" + anchors,
                                        "REGENPATH_AUDIT_ANCHOR_INTERVAL_S=1"};
  {
    ServerProcess first(db, env), second(db, env);
    Client on_first{first.port()}, on_second{second.port()};
    ASSERT_EQ(on_first.login("coordinator.a").status, 200);
    ASSERT_EQ(on_second.login("coordinator.b").status, 200);
    // Reads through both move the head (each list read leaves an audit row) for 4 s...
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
    while (std::chrono::steady_clock::now() < until) {
      ASSERT_EQ(on_first.get("/api/v1/patients").status, 200);
      ASSERT_EQ(on_second.get("/api/v1/patients").status, 200);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // ...then it stands still for 3 turns of each server.
    std::this_thread::sleep_for(std::chrono::milliseconds(3200));
    EXPECT_EQ(first.stop(SIGTERM), 0);
    EXPECT_EQ(second.stop(SIGTERM), 0);
  }

  const std::string public_key = store::read_public_key_file(store::public_key_path(key), "public_key");
  const store::AnchorFile file = store::read_anchor_file(anchors, public_key);
  ASSERT_TRUE(file.exists);
  EXPECT_TRUE(file.defects.empty()) << file.defects.front().line << ": " << file.defects.front().why;
  ASSERT_GE(file.anchors.size(), 3u) << "anchors at start, while the head moved, and at the end";
  for (std::size_t i = 1; i < file.anchors.size(); ++i)
    EXPECT_GT(file.anchors[i].anchor.seq, file.anchors[i - 1].anchor.seq)
        << "line " << file.anchors[i].line << " signs row " << file.anchors[i].anchor.seq << " after row "
        << file.anchors[i - 1].anchor.seq;

  auto s = store::open_store(db);
  std::optional<store::AuditRow> head;
  s->read([&](store::Transaction& tx) { head = tx.last_audit_row(); });
  ASSERT_TRUE(head);
  EXPECT_EQ(file.anchors.back().anchor.seq, head->seq) << "the shutdown anchor signs the last row";
  service::AuditCheckOptions options;
  options.read_anchors = [&] { return store::read_anchor_file(anchors, public_key); };
  const auto verified = service::verify_audit_chain(*s, service::Actor::cli_operator(), options);
  EXPECT_EQ(verified.verdict(), "intact");
}

}  // namespace
}  // namespace rp::test
