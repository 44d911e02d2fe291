// Price lists (price_lists and price_list_lines, migration 0034) on every engine: a list's
// first version is its own series, a later version joins it and the one before is kept
// superseded, the current lists and the whole history read back in order with their
// lines, the table refuses what the domain refuses, and on PostgreSQL row security keeps
// a centre to its own lists.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

using cost::PriceItem;

class PriceListsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      for (const char* centre : {"a", "b"}) tx.upsert_centre(test::test_centre(centre));
    });
  }

  static cost::PriceList list(const std::string& centre, int from, int to, std::int64_t consultation) {
    cost::PriceList l;
    l.centre_id = centre;
    l.from_year = from;
    l.to_year = to;
    l.lines = {{PriceItem::consultation, Money::rials(consultation)},
               {PriceItem::harvest_bone_marrow, Money::rials(60'000'000)}};
    l.note = "1403 prices";
    l.created_by = "admin." + centre;
    l.created_at = "2026-12-01T08:00:00.000Z";
    return l;
  }

  std::unique_ptr<Store> store_;
};
INSTANTIATE_ENGINES(PriceListsStore);

TEST_P(PriceListsStore, VersionsShareASeriesAndTheOneBeforeIsKeptSuperseded) {
  std::int64_t first = 0, second = 0, other = 0;
  store_->write([&](Transaction& tx) {
    first = tx.insert_price_list(list("a", 1403, 1403, 15'000'000));
    other = tx.insert_price_list(list("a", 1404, 1405, 18'000'000));
  });
  store_->read([&](Transaction& tx) {
    const auto l = tx.find_price_list(first);
    ASSERT_TRUE(l);
    EXPECT_EQ(l->series_id, first) << "a first version is its own series";
    EXPECT_EQ(l->version, 1);
    EXPECT_EQ(l->centre_id, "a");
    EXPECT_EQ(l->from_year, 1403);
    EXPECT_EQ(l->to_year, 1403);
    EXPECT_EQ(l->note, "1403 prices");
    EXPECT_EQ(l->created_by, "admin.a");
    EXPECT_FALSE(l->superseded_at);
    ASSERT_EQ(l->lines.size(), 2U);
    EXPECT_EQ(l->price_of(PriceItem::consultation), Money::rials(15'000'000));
    EXPECT_EQ(l->price_of(PriceItem::harvest_bone_marrow), Money::rials(60'000'000));
    EXPECT_FALSE(l->price_of(PriceItem::harvest_adipose));
    EXPECT_EQ(tx.find_price_list(other)->series_id, other);
  });
  store_->write([&](Transaction& tx) {
    cost::PriceList next = list("a", 1403, 1403, 16'000'000);
    next.series_id = first;
    next.version = 2;
    EXPECT_TRUE(tx.supersede_price_list(first, "2026-12-02T08:00:00.000Z"));
    EXPECT_FALSE(tx.supersede_price_list(first, "2026-12-03T08:00:00.000Z"));
    second = tx.insert_price_list(next);
  });
  store_->read([&](Transaction& tx) {
    const auto current = tx.price_lists_of("a", false);
    ASSERT_EQ(current.size(), 2U);
    EXPECT_EQ(current[0].id, second);
    EXPECT_EQ(current[0].series_id, first);
    EXPECT_EQ(current[0].version, 2);
    EXPECT_EQ(current[0].price_of(PriceItem::consultation), Money::rials(16'000'000));
    EXPECT_EQ(current[1].id, other);
    const auto history = tx.price_lists_of("a", true);
    ASSERT_EQ(history.size(), 3U);
    EXPECT_EQ(history[0].id, first);
    EXPECT_EQ(history[0].superseded_at, "2026-12-02T08:00:00.000Z");
    EXPECT_EQ(history[0].price_of(PriceItem::consultation), Money::rials(15'000'000)) << "the old version kept";
    EXPECT_EQ(history[1].id, second);
    EXPECT_TRUE(tx.price_lists_of("b", true).empty());
  });
}

TEST_P(PriceListsStore, TheTablesRefuseWhatTheDomainRefuses) {
  cost::PriceList reversed = list("a", 1404, 1403, 1);
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.insert_price_list(reversed); }));
  cost::PriceList early = list("a", 1389, 1403, 1);
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.insert_price_list(early); }));
  cost::PriceList zero = list("a", 1403, 1403, 1);
  zero.lines[0].amount = Money();
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.insert_price_list(zero); }));
  store_->read([&](Transaction& tx) { EXPECT_TRUE(tx.price_lists_of("a", true).empty()) << "nothing half written"; });
}

TEST_P(PriceListsStore, AnotherCentreReachesNoListUnderRowSecurity) {
  std::int64_t id = 0;
  store_->write([&](Transaction& tx) { id = tx.insert_price_list(list("a", 1403, 1403, 15'000'000)); });
  if (postgres()) {
    store_.reset();
    store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  }
  store_->read(CentreScope::of_centre("a"), [&](Transaction& tx) {
    ASSERT_TRUE(tx.find_price_list(id));
    EXPECT_EQ(tx.find_price_list(id)->lines.size(), 2U);
  });
  if (postgres()) {
    store_->read(CentreScope::of_centre("b"), [&](Transaction& tx) {
      EXPECT_FALSE(tx.find_price_list(id));
      EXPECT_TRUE(tx.price_lists_of("a", true).empty());
    });
    // A write as centre a, through the app role: the sequence and both tables are its.
    store_->write(CentreScope::of_centre("a"),
                  [&](Transaction& tx) { EXPECT_GT(tx.insert_price_list(list("a", 1404, 1404, 1)), id); });
  }
}

}  // namespace
}  // namespace rp::store
