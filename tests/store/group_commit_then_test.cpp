// write_then: a write queued without a waiting thread is committed by the committer
// thread, and its caller is told only after the commit, with the function's own error.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "store/audit_chain.hpp"
#include "store/group_commit.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

// The group commit over every engine (store_suite.hpp).
class GroupCommitThen : public test::EngineTest {};
INSTANTIATE_ENGINES(GroupCommitThen);

TEST_P(GroupCommitThen, TellsEachCallerAfterItsCommitWithItsOwnError) {
  auto inner = open();
  GroupCommitStore s(*inner);
  std::mutex m;
  std::condition_variable cv;
  int told = 0, failed = 0, seen_committed = 0;
  constexpr int kWrites = 40;
  for (int i = 0; i < kWrites; ++i) {
    const std::string id = "c" + std::to_string(i);
    s.write_then(
        [id, i](Transaction& tx) {
          if (i % 10 == 3) throw std::runtime_error("refused");
          tx.upsert_centre(test::test_centre(id));
        },
        [&, id](std::exception_ptr error) {
          bool committed = false;
          // Another connection sees the row: it is committed, not just written.
          auto other = open_store(db(), OpenMode::existing_no_migrate);
          other->read([&](Transaction& tx) { committed = tx.find_centre(id).has_value(); });
          std::lock_guard lock(m);
          ++told;
          if (error) ++failed;
          if (committed) ++seen_committed;
          cv.notify_one();
        });
  }
  // A synchronous write in between is committed too.
  s.write([](Transaction& tx) { tx.upsert_centre(test::test_centre("sync")); });
  std::unique_lock lock(m);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return told == kWrites; }));
  EXPECT_EQ(failed, 4);
  EXPECT_EQ(seen_committed, kWrites - 4);
}

// audit_then: record reads' audit rows queued among other writes are appended in one
// step per batch, yet each is committed, chained in order and told once; a failing
// write beside them leaves them alone.
TEST_P(GroupCommitThen, AuditRowsQueuedAmongWritesAreAllChainedAndTold) {
  auto inner = open();
  GroupCommitStore s(*inner);
  s.write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  std::mutex m;
  std::condition_variable cv;
  int told = 0, failed = 0;
  constexpr int kReads = 300;
  auto tell = [&](std::exception_ptr error) {
    std::lock_guard lock(m);
    ++told;
    if (error) ++failed;
    cv.notify_one();
  };
  for (int i = 0; i < kReads; ++i) {
    s.audit_then({"2026-11-25T08:00:00.000Z", "coordinator.a", "coordinator", "a", "episode.read", "episode",
                  std::to_string(i), "timeline"},
                 tell);
    if (i % 50 == 7) s.write_then([](Transaction&) { throw std::runtime_error("refused"); }, tell);
  }
  std::unique_lock lock(m);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return told == kReads + 6; }));
  EXPECT_EQ(failed, 6);
  lock.unlock();
  std::vector<AuditRow> rows;
  s.read([&](Transaction& tx) { rows = tx.audit_rows(0, 1000); });
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kReads));
  std::string prev = kAuditGenesis;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(rows[i].entity_id, std::to_string(i));  // queue order kept
    EXPECT_EQ(rows[i].prev_hash, prev);
    EXPECT_EQ(rows[i].hash, audit_hash(prev, rows[i].seq, rows[i]));
    prev = rows[i].hash;
  }
  EXPECT_LT(s.stats().batches, static_cast<std::uint64_t>(kReads));
}

}  // namespace
}  // namespace rp::store
