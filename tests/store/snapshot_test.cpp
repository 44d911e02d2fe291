// Heavy reads' snapshots (Store::snapshot), on every engine: one runs to its end while a
// write holds the write lock, and it sees the data as of its start, not what commits
// meanwhile.
#include <chrono>
#include <future>
#include <thread>

#include "store/group_commit.hpp"
#include "store_suite.hpp"

namespace rp::test {
namespace {

using store::Transaction;
using namespace std::chrono_literals;

std::size_t centres_in_snapshot(store::Store& s) {
  std::size_t n = 0;
  s.snapshot([&](Transaction& tx) { n = tx.list_centres().size(); });
  return n;
}

class Snapshot : public EngineTest {};
INSTANTIATE_ENGINES(Snapshot);

TEST_P(Snapshot, RunsWhileAWriteHoldsTheWriteLock) {
  auto inner = open();
  store::GroupCommitStore s(*inner);
  s.write([](Transaction& tx) { tx.upsert_centre(test_centre("a")); });

  std::promise<void> writing, release;
  std::thread writer([&] {
    s.write([&](Transaction& tx) {
      tx.upsert_centre(test_centre("b"));
      writing.set_value();
      release.get_future().wait();
    });
  });
  writing.get_future().wait();
  // The write is open, its lock held: the snapshot still answers, without its change.
  auto read = std::async(std::launch::async, [&] { return centres_in_snapshot(s); });
  const bool answered = read.wait_for(10s) == std::future_status::ready;
  release.set_value();
  writer.join();
  ASSERT_TRUE(answered) << "the snapshot waited for the write";
  EXPECT_EQ(read.get(), 1u);
  EXPECT_EQ(centres_in_snapshot(s), 2u);  // committed now: the next snapshot sees it
}

TEST_P(Snapshot, SeesTheDataAsOfItsStart) {
  auto inner = open();
  store::GroupCommitStore s(*inner);
  s.write([](Transaction& tx) { tx.upsert_centre(test_centre("a")); });
  std::size_t before = 0, after = 0;
  s.snapshot([&](Transaction& tx) {
    before = tx.list_centres().size();
    // Another thread commits meanwhile (a thread of its own: transactions never nest).
    std::thread([&] { s.write([](Transaction& w) { w.upsert_centre(test_centre("b")); }); }).join();
    after = tx.list_centres().size();
  });
  EXPECT_EQ(before, 1u);
  EXPECT_EQ(after, 1u);
  EXPECT_EQ(centres_in_snapshot(s), 2u);
}

TEST_P(Snapshot, RefusesAWriteInside) {
  auto s = open();
  s->write([](Transaction& tx) { tx.upsert_centre(test_centre("a")); });
  EXPECT_ANY_THROW(s->snapshot([](Transaction& tx) { tx.upsert_centre(test_centre("b")); }));
  EXPECT_EQ(centres_in_snapshot(*s), 1u);
}

}  // namespace
}  // namespace rp::test
