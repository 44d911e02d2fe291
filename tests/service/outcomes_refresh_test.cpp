// The joints changed since they were last stored are stored afresh, by the keeper in the
// background and before each report, a batch per write sized so that each write holds the
// writer about 5 ms (next_refresh_batch): other requests' audit rows wait behind one
// batch, never behind a minute's worth.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "../store/store_test_support.hpp"
#include "demo/demo.hpp"
#include "service/outcome_rows_keeper.hpp"
#include "service/outcomes.hpp"
#include "store/store.hpp"

namespace rp::test {
namespace {

using std::chrono::milliseconds;

TEST(OutcomesRefresh, TheBatchFollowsTheTimeTheLastWriteTook) {
  EXPECT_EQ(service::next_refresh_batch(32, milliseconds(12)), 16U);
  EXPECT_EQ(service::next_refresh_batch(32, milliseconds(1)), 64U);
  EXPECT_EQ(service::next_refresh_batch(32, milliseconds(4)), 32U);  // about right: kept
  EXPECT_EQ(service::next_refresh_batch(3, milliseconds(80)), 1U);
  EXPECT_EQ(service::next_refresh_batch(1, milliseconds(80)), 1U);      // never under one joint a write
  EXPECT_EQ(service::next_refresh_batch(700, milliseconds(0)), 1024U);  // never over 1,024
}

// The demo's joints are all marked changed as it is built (each insert marks its joint):
// a report stores every one of them, so that the next report reads them ready.
TEST(OutcomesRefresh, AReportStoresTheJointsChangedBeforeIt) {
  const CivilDate today = CivilDate::from_ymd(2031, 5, 20);
  const Clock clock = Clock::fixed((today.days_since_epoch() * 86400 + 9 * 3600) * std::int64_t{1000});
  const auto stale_left = [](store::Store& s) {
    std::size_t n = 0;
    s.write([&](store::Transaction& tx) { n = tx.refresh_outcome_rows_up_to(1u << 30); });
    return n;
  };
  TempDb untouched_file, reported_file;
  auto untouched = store::open_sqlite(untouched_file.path());
  auto reported = store::open_sqlite(reported_file.path());
  demo::build_demo(*untouched, today, 40);
  demo::build_demo(*reported, today, 40);
  service::Outcomes outcomes(*reported, clock);
  const service::Actor analyst{"analyst", service::Role::analyst, "", false};
  const auto report = outcomes.report(analyst, {});
  EXPECT_GT(report.scopes.at(0).injected, 0);
  EXPECT_EQ(stale_left(*reported), 0U) << "the report stored every changed joint";
  EXPECT_GT(stale_left(*untouched), 0U) << "the same registry without a report had joints to store";
}

// The keeper stores the marked joints in the background, a pass every interval, and
// stops when asked: as many as the same registry had marked.
TEST(OutcomesRefresh, TheKeeperStoresMarkedJointsInTheBackground) {
  const CivilDate today = CivilDate::from_ymd(2031, 5, 20);
  TempDb kept_file, counted_file;
  auto kept = store::open_sqlite(kept_file.path());
  auto counted = store::open_sqlite(counted_file.path());
  demo::build_demo(*kept, today, 40);
  demo::build_demo(*counted, today, 40);
  std::size_t marked = 0;
  counted->write([&](store::Transaction& tx) { marked = tx.refresh_outcome_rows_up_to(1u << 30); });
  ASSERT_GT(marked, 0U);

  // The marks counted as an operator would, behind the store's back.
  const auto marks_left = [&] {
    return SQLite::Database(kept_file.path()).execAndGet("SELECT COUNT(*) FROM outcome_stale").getInt64();
  };
  ASSERT_GT(marks_left(), 0);
  service::OutcomeRowsKeeper keeper(*kept);
  keeper.start(milliseconds(20), milliseconds(50));
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (marks_left() > 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(milliseconds(20));
  keeper.stop();
  EXPECT_EQ(marks_left(), 0);
  // A joint marked through two of its episodes may be stored once per batch it falls in.
  EXPECT_GE(keeper.stored(), marked);
  std::size_t left = 0;
  kept->write([&](store::Transaction& tx) { left = tx.refresh_outcome_rows_up_to(1u << 30); });
  EXPECT_EQ(left, 0U) << "every marked joint was stored by the keeper";
}

}  // namespace
}  // namespace rp::test
