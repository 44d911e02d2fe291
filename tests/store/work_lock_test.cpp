// The lock for work one server at a time does (Store::try_work_lock): on PostgreSQL two
// stores on one database (two servers) never hold it together, it passes to the other once
// let go, and a holder that dies (its connection gone) frees it; SQLite grants it always.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store/group_commit.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::store {
namespace {

using test::PgTestCluster;

TEST(WorkLock, OnPostgresOneStoreAtATimeHoldsIt) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto first = open_postgres(url), second = open_postgres(url);
  {
    auto held = first->try_work_lock("audit_anchoring");
    ASSERT_TRUE(held);
    EXPECT_FALSE(second->try_work_lock("audit_anchoring"));
    EXPECT_FALSE(first->try_work_lock("audit_anchoring")) << "a second turn of the same server waits too";
  }
  auto taken = second->try_work_lock("audit_anchoring");
  ASSERT_TRUE(taken) << "let go by the first, the lock is the second's";
  EXPECT_FALSE(first->try_work_lock("audit_anchoring"));
  auto moved = std::move(*taken);  // a lock moved is held once, ended once
  taken.reset();
  EXPECT_FALSE(first->try_work_lock("audit_anchoring"));
}

// The server holds its store through the group commit (store/group_commit.hpp): the lock
// is still the database's, not granted to every server.
TEST(WorkLock, ThroughTheGroupCommitItIsStillTheDatabasesLock) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto first_store = open_postgres(url), second_store = open_postgres(url);
  GroupCommitStore first(*first_store), second(*second_store);
  {
    auto held = first.try_work_lock("outcome_rows");
    ASSERT_TRUE(held);
    EXPECT_FALSE(second.try_work_lock("outcome_rows"));
  }
  EXPECT_TRUE(second.try_work_lock("outcome_rows"));
}

TEST(WorkLock, OnPostgresAHolderWhoseSessionEndsFreesIt) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto s = open_postgres(url);
  auto held = s->try_work_lock("audit_anchoring");
  ASSERT_TRUE(held);
  // A server that crashed: its session is ended by the database, the lock with it. Only
  // this test's database: the cluster is shared with tests running beside this one.
  postgres::Connection admin(url);
  admin.run(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1920103284 "
      "AND objid = 3 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
  bool free = false;
  for (int i = 0; i < 100 && !free; ++i) {
    free = open_postgres(url)->try_work_lock("audit_anchoring").has_value();
    if (!free) ::usleep(20 * 1000);
  }
  EXPECT_TRUE(free);
  held.reset();  // its connection is gone: ending it throws nothing
}

TEST(WorkLock, OnPostgresOnlyKnownWorkHasALock) {
  auto s = open_postgres(PgTestCluster::shared().fresh_database());
  EXPECT_THROW(s->try_work_lock("anything"), std::invalid_argument);
}

TEST(WorkLock, OnSqliteItIsAlwaysGranted) {
  test::TempDb db;
  auto s = open_sqlite(db.path());
  auto held = s->try_work_lock("audit_anchoring");
  ASSERT_TRUE(held);
  EXPECT_TRUE(s->try_work_lock("audit_anchoring"));
}

}  // namespace
}  // namespace rp::store
