// Private calendar feeds (calendar_feeds, migration 0026) on every engine: a feed is found
// by its token's hash only, a patient has one live feed at a time, a revoked feed stays
// with who revoked it and when, and on PostgreSQL row security keeps a centre to its own.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

class CalendarFeedsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      for (const char* centre : {"a", "b"}) tx.upsert_centre(test::test_centre(centre));
      patient_ = tx.insert_patient(test::bare_patient("a", "M1"), "t");
    });
  }

  CalendarFeedRow feed(const std::string& hash) const {
    return {0, hash, patient_, "a", "coordinator.a", "2026-12-01T08:00:00.000Z", std::nullopt, std::nullopt};
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0;
};
INSTANTIATE_ENGINES(CalendarFeedsStore);

TEST_P(CalendarFeedsStore, OneLiveFeedPerPatientFoundByItsHash) {
  const std::string first(64, 'a'), second(64, 'b');
  std::int64_t id = 0;
  store_->write([&](Transaction& tx) { id = tx.insert_calendar_feed(feed(first)); });
  store_->read([&](Transaction& tx) {
    const auto found = tx.find_calendar_feed(first);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->patient_id, patient_);
    EXPECT_EQ(found->centre_id, "a");
    EXPECT_EQ(found->created_by, "coordinator.a");
    EXPECT_TRUE(found->live());
    EXPECT_EQ(tx.live_calendar_feed(patient_)->id, id);
    EXPECT_FALSE(tx.find_calendar_feed(second));
  });
  // A second live feed is refused and writes nothing.
  EXPECT_THROW(store_->write([&](Transaction& tx) { tx.insert_calendar_feed(feed(second)); }), ConflictError);
  store_->read([&](Transaction& tx) { EXPECT_FALSE(tx.find_calendar_feed(second)); });
  // Revoked, it keeps who and when, is no longer live, and a new one may be made.
  store_->write([&](Transaction& tx) {
    EXPECT_TRUE(tx.revoke_calendar_feed(id, "admin.a", "2026-12-02T08:00:00.000Z"));
    EXPECT_FALSE(tx.revoke_calendar_feed(id, "admin.a", "2026-12-03T08:00:00.000Z"));
    tx.insert_calendar_feed(feed(second));
  });
  store_->read([&](Transaction& tx) {
    const auto old = tx.find_calendar_feed(first);
    ASSERT_TRUE(old);
    EXPECT_FALSE(old->live());
    EXPECT_EQ(old->revoked_by, "admin.a");
    EXPECT_EQ(old->revoked_at, "2026-12-02T08:00:00.000Z");
    EXPECT_EQ(tx.live_calendar_feed(patient_)->token_hash, second);
  });
}

TEST_P(CalendarFeedsStore, AnotherCentreReachesNoFeedUnderRowSecurity) {
  const std::string hash(64, 'c');
  store_->write([&](Transaction& tx) { tx.insert_calendar_feed(feed(hash)); });
  // SQLite has no row security (the service's checks are the wall there). On PostgreSQL,
  // as the unprivileged role a server connects as (the cluster's superuser is above row
  // security), another centre reaches no feed and the feed's own centre does.
  if (postgres()) {
    store_.reset();
    store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  }
  store_->read(CentreScope::of_centre("a"), [&](Transaction& tx) { EXPECT_TRUE(tx.find_calendar_feed(hash)); });
  if (postgres()) {
    store_->read(CentreScope::of_centre("b"), [&](Transaction& tx) {
      EXPECT_FALSE(tx.find_calendar_feed(hash));
      EXPECT_FALSE(tx.live_calendar_feed(patient_));
    });
  }
}

}  // namespace
}  // namespace rp::store
