// write_then: a write queued without a waiting thread is committed by the committer
// thread, and its caller is told only after the commit, with the function's own error.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "store/group_commit.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

Centre centre(const std::string& id) { return {id, "Centre " + id, "مرکز", "Tehran", "تهران", "licensed", "", ""}; }

TEST(GroupCommitThen, TellsEachCallerAfterItsCommitWithItsOwnError) {
  test::TempDb db;
  auto inner = open_sqlite(db.path());
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
          tx.upsert_centre(centre(id));
        },
        [&, id](std::exception_ptr error) {
          bool committed = false;
          // Another connection sees the row: it is committed, not just written.
          auto other = open_sqlite(db.path(), OpenMode::existing_no_migrate);
          other->read([&](Transaction& tx) { committed = tx.find_centre(id).has_value(); });
          std::lock_guard lock(m);
          ++told;
          if (error) ++failed;
          if (committed) ++seen_committed;
          cv.notify_one();
        });
  }
  // A synchronous write in between is committed too.
  s.write([](Transaction& tx) { tx.upsert_centre(centre("sync")); });
  std::unique_lock lock(m);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return told == kWrites; }));
  EXPECT_EQ(failed, 4);
  EXPECT_EQ(seen_committed, kWrites - 4);
}

}  // namespace
}  // namespace rp::store
