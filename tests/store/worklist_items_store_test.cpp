// The worklist's store queries on every engine (store_suite.hpp): the day's items in order (today,
// overdue by the window closing soonest, then coming up), the items whose window closed
// apart and newest first, filters (kind, patient, the items of a role), bounded pages
// whose count is the whole, closing decisions kept in order, and another centre's or an
// ended episode's items never read.
#include <gtest/gtest.h>

#include "service/pathway.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kDay = parse_gregorian("2031-05-20");

class WorklistItemsStore : public EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    const auto op = service::Actor::cli_operator();
    service::Pathway pathway(*store_, Clock::fixed((kDay.days_since_epoch() * 86400 + 9 * 3600) * std::int64_t{1000}));
    for (const std::string c : {"a", "b"})
      pathway.upsert_centre(op, {c, "Centre " + c, "مرکز", "Tehran", "تهران", "licensed", "", ""});
    const auto add = [&](const std::string& centre, const std::string& mrn, int harvest, int injection) {
      Patient p;
      p.centre_id = centre;
      p.mrn = mrn;
      p.name_latin = "Name " + mrn;
      p.name_fa = "نام";
      p.sex = Sex::male;
      p.birth_date = CivilDate::from_ymd(1960, 1, 1);
      p.national_id = test_national_id(mrn);
      p.mobile = "09121234567";
      p.consent = {true, true, true};
      Episode e;
      e.patient_id = pathway.add_patient(op, p).id;
      e.protocol_id = "hip-msc-v1";
      e.side = Side::right;
      e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
      e = pathway.add_episode(op, e);
      pathway.plan(op, e.id, kDay.plus_days(harvest), kDay.plus_days(injection), "test");
      return e.id;
    };
    today_ = add("a", "T-1", -20, -14);    // visit-2w and prom-2w due today
    overdue_ = add("a", "O-1", -30, -16);  // due two days ago
    workup_ = add("a", "W-1", 27, 27);     // work-up due tomorrow
    other_ = add("b", "B-1", -20, -14);    // another centre
    ended_ = add("a", "E-1", -20, -14);    // withdrawn
    store_->write([&](store::Transaction& tx) {
      Episode e = *tx.find_episode(ended_);
      e.state = EpisodeState::withdrawn;
      tx.update_episode(e, "2031-01-01T00:00:00.000Z");
    });
  }

  store::WorklistItemsQuery query() const { return {"a", kDay, kDay.plus_days(7), "", "", "", 1000, 0}; }

  std::unique_ptr<store::Store> store_;
  std::int64_t today_ = 0, overdue_ = 0, workup_ = 0, other_ = 0, ended_ = 0;
};

int rank(const ScheduledItem& s) { return s.start == kDay ? 0 : s.start < kDay ? 1 : 2; }

INSTANTIATE_ENGINES(WorklistItemsStore);

TEST_P(WorklistItemsStore, TodayThenOverdueThenComingUpAndTheWholeCount) {
  store_->read([&](store::Transaction& tx) {
    const auto rows = tx.worklist_open_items(query());
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(tx.worklist_open_count(query()), static_cast<std::int64_t>(rows.size()));
    for (std::size_t i = 1; i < rows.size(); ++i) {
      ASSERT_LE(rank(rows[i - 1].item), rank(rows[i].item));
      if (rank(rows[i].item) == 1 && rank(rows[i - 1].item) == 1) {
        EXPECT_LE(rows[i - 1].item.window_end, rows[i].item.window_end);
      }
    }
    EXPECT_EQ(rows.front().who.episode_id, today_);
    for (const auto& r : rows) {
      EXPECT_NE(r.who.episode_id, other_);
      EXPECT_NE(r.who.episode_id, ended_);
      EXPECT_GE(r.item.window_end, kDay);
      EXPECT_EQ(r.mobile, "+989121234567");
    }
    // A page and the next one: no row twice, the count unchanged.
    auto q = query();
    q.limit = 3;
    const auto first = tx.worklist_open_items(q);
    q.offset = 3;
    const auto second = tx.worklist_open_items(q);
    ASSERT_EQ(first.size(), 3u);
    EXPECT_EQ(first[0].item.id + std::to_string(first[0].who.episode_id),
              rows[0].item.id + std::to_string(rows[0].who.episode_id));
    EXPECT_EQ(second[0].item.id + std::to_string(second[0].who.episode_id),
              rows[3].item.id + std::to_string(rows[3].who.episode_id));
    EXPECT_EQ(tx.worklist_open_count(q), static_cast<std::int64_t>(rows.size()));
  });
}

TEST_P(WorklistItemsStore, WindowClosedApartNewestFirst) {
  store_->read([&](store::Transaction& tx) {
    const auto rows = tx.worklist_window_closed(query());
    ASSERT_FALSE(rows.empty());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_LT(rows[i].item.window_end, kDay);
      if (i) {
        EXPECT_GE(rows[i - 1].item.window_end, rows[i].item.window_end);
      }
    }
    EXPECT_EQ(tx.worklist_window_closed_count(query()), static_cast<std::int64_t>(rows.size()));
  });
}

TEST_P(WorklistItemsStore, FiltersByKindPatientAndItems) {
  store_->read([&](store::Transaction& tx) {
    auto q = query();
    q.kind = "order";
    const auto orders = tx.worklist_open_items(q);
    ASSERT_EQ(orders.size(), 4u);
    for (const auto& r : orders) EXPECT_EQ(r.who.episode_id, workup_);
    q = query();
    q.patient = "name o-";  // case-insensitive part of the Latin name
    for (const auto& r : tx.worklist_open_items(q)) EXPECT_EQ(r.who.episode_id, overdue_);
    EXPECT_FALSE(tx.worklist_open_items(q).empty());
    q = query();
    q.items = ",hip-msc-v1/visit-2w,";
    const auto visits = tx.worklist_open_items(q);
    ASSERT_EQ(visits.size(), 2u);
    for (const auto& r : visits) EXPECT_EQ(r.item.id, "visit-2w");
    q.items = ",";
    EXPECT_TRUE(tx.worklist_open_items(q).empty());
  });
}

TEST_P(WorklistItemsStore, ClosedItemsWithTheirLatestDecision) {
  store_->write([&](store::Transaction& tx) {
    auto item = *tx.schedule_item(overdue_, "workup-mri");
    item.status = ItemStatus::missed;
    tx.update_schedule_item_status(overdue_, item);
    tx.insert_schedule_closure({0, overdue_, "workup-mri", "closed", "declined", "", "u", "coordinator", "t1"});
    tx.insert_schedule_closure({0, overdue_, "workup-mri", "reopened", "", "called back", "u", "coordinator", "t2"});
    tx.insert_schedule_closure({0, overdue_, "workup-mri", "closed", "moved_away", "to Tabriz", "u", "surgeon", "t3"});
  });
  store_->read([&](store::Transaction& tx) {
    const auto closed = tx.worklist_closed_missed(query());
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].item.id, "workup-mri");
    EXPECT_EQ(closed[0].closure.reason, "moved_away");
    EXPECT_EQ(closed[0].closure.note, "to Tabriz");
    const auto history = tx.schedule_closures(overdue_, "workup-mri");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[1].action, "reopened");
    // No longer planned: on neither list.
    for (const auto& r : tx.worklist_window_closed(query()))
      EXPECT_FALSE(r.who.episode_id == overdue_ && r.item.id == "workup-mri");
  });
}

}  // namespace
}  // namespace rp::test
