// The joints changed since the last report are stored afresh before the next one, a batch
// per write sized so that each write holds the writer about 5 ms (next_refresh_batch):
// other requests' audit rows wait behind one batch, never behind a minute's worth.
#include <gtest/gtest.h>

#include <chrono>

#include "../store/store_test_support.hpp"
#include "demo/demo.hpp"
#include "service/outcomes.hpp"
#include "store/store.hpp"

namespace rp::test {
namespace {

using std::chrono::milliseconds;

TEST(OutcomesRefresh, TheBatchFollowsTheTimeTheLastWriteTook) {
  EXPECT_EQ(service::next_refresh_batch(32, milliseconds(12)), 16U);
  EXPECT_EQ(service::next_refresh_batch(32, milliseconds(1)), 64U);
  EXPECT_EQ(service::next_refresh_batch(32, milliseconds(4)), 32U);  // about right: kept
  EXPECT_EQ(service::next_refresh_batch(5, milliseconds(80)), 4U);   // never under 4
  EXPECT_EQ(service::next_refresh_batch(4, milliseconds(80)), 4U);
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

}  // namespace
}  // namespace rp::test
