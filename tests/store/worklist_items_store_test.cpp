// The worklist's store queries on every engine (store_suite.hpp): the day's items in order (today,
// overdue by the window closing soonest, then coming up), the items whose window closed
// apart and newest first, filters (kind, patient, the items of a role), bounded pages
// whose count is the whole, closing decisions kept in order, and another centre's or an
// ended episode's items never read. The indexed reads (migration 0020) against the rule
// read from the schedules themselves, as items, episodes and answers change; pages by
// offset and by cursor that together hold every item once.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "service/pathway.hpp"
#include "service/worklist.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kWorklistDay = parse_gregorian("2031-05-20");

class WorklistItemsStore : public EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    for (const std::string c : {"a", "b"}) add_centre(c);
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

  service::Pathway pathway() {
    return service::Pathway(*store_,
                            Clock::fixed((kWorklistDay.days_since_epoch() * 86400 + 9 * 3600) * std::int64_t{1000}));
  }

  void add_centre(const std::string& c) {
    pathway().upsert_centre(service::Actor::cli_operator(),
                            {c, "Centre " + c, "مرکز", "Tehran", "تهران", "licensed", "", ""});
  }

  // A patient at `centre` with one hip planned: harvest and injection so many days from
  // the worklist's day.
  std::int64_t add(const std::string& centre, const std::string& mrn, int harvest, int injection) {
    const auto op = service::Actor::cli_operator();
    auto pathway = this->pathway();
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
    pathway.plan(op, e.id, kWorklistDay.plus_days(harvest), kWorklistDay.plus_days(injection), "test");
    return e.id;
  }

  store::WorklistItemsQuery query() const {
    return {"a", kWorklistDay, kWorklistDay.plus_days(7), "", "", "", 1000, 0};
  }

  std::unique_ptr<store::Store> store_;
  std::int64_t today_ = 0, overdue_ = 0, workup_ = 0, other_ = 0, ended_ = 0;
};

int rank(const ScheduledItem& s) { return s.start == kWorklistDay ? 0 : s.start < kWorklistDay ? 1 : 2; }

// A row as "episode/item", to compare lists.
std::string key(const store::WorklistOpenItemRow& r) { return std::to_string(r.who.episode_id) + "/" + r.item.id; }
std::vector<std::string> keys(const std::vector<store::WorklistOpenItemRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(key(r));
  return out;
}

// The day's items and those whose window closed at centre a, in the worklist's order,
// found from each episode's schedule and answers by the rule the store's doc states:
// planned, a worklist kind, the episode running, a questionnaire not answered.
struct Expected {
  std::vector<std::string> open, closed;
};
bool ended(EpisodeState s) {
  using S = EpisodeState;
  return s == S::completed || s == S::converted_to_thr || s == S::withdrawn || s == S::lost_to_follow_up ||
         s == S::ineligible;
}
Expected by_the_rule(store::Transaction& tx, const std::vector<std::int64_t>& episodes) {
  using Row = std::tuple<int, CivilDate, CivilDate, std::int64_t, std::string>;
  std::vector<Row> open, closed;
  for (const std::int64_t id : episodes) {
    const Episode e = *tx.find_episode(id);
    if (e.centre_id != "a" || ended(e.state)) continue;
    const auto answers = tx.responses_of(id);
    for (const ScheduledItem& s : tx.schedule_of(id)) {
      const bool kind = s.kind == "visit" || s.kind == "imaging" || s.kind == "questionnaire" || s.kind == "order";
      const bool answered =
          std::any_of(answers.begin(), answers.end(), [&](const auto& a) { return a.item_id == s.id; });
      if (s.status != ItemStatus::planned || !kind || (s.kind == "questionnaire" && answered)) continue;
      if (s.window_end < kWorklistDay) {
        closed.push_back({0, CivilDate::from_days(-s.window_end.days_since_epoch()), s.start, id, s.id});
      } else if (s.window_start <= kWorklistDay || s.start <= kWorklistDay.plus_days(7)) {
        const int r = rank(s);
        open.push_back({r, r == 1 ? s.window_end : s.start, s.start, id, s.id});
      }
    }
  }
  std::sort(open.begin(), open.end());
  // Newest closed first; the start plays no part there.
  for (auto& c : closed) std::get<2>(c) = CivilDate();
  std::sort(closed.begin(), closed.end());
  Expected out;
  for (const auto& r : open) out.open.push_back(std::to_string(std::get<3>(r)) + "/" + std::get<4>(r));
  for (const auto& r : closed) out.closed.push_back(std::to_string(std::get<3>(r)) + "/" + std::get<4>(r));
  return out;
}

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
      EXPECT_GE(r.item.window_end, kWorklistDay);
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
      EXPECT_LT(rows[i].item.window_end, kWorklistDay);
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

// A centre whose week holds more drug holds than a page: each page in start order, the
// pages together every hold once, the count the whole, filters as the items' are.
TEST_P(WorklistItemsStore, DrugHoldsAPageAtATimeWithTheirCount) {
  add_centre("c");
  // Each hip's two holds before harvest start 14 days before it: days 1, 2 and 3 of the
  // coming week; the fourth hip's on day 16, beyond it.
  std::vector<std::int64_t> soon;
  for (int i = 0; i < 3; ++i) soon.push_back(add("c", "H-" + std::to_string(i), 15 + i, 15 + i));
  add("c", "H-late", 30, 30);
  store_->read([&](store::Transaction& tx) {
    store::WorklistItemsQuery q{"c", kWorklistDay, kWorklistDay.plus_days(7), "", "", "", 4, 0};
    EXPECT_EQ(tx.worklist_holds_count(q), 6);
    std::vector<store::WorklistOpenItemRow> all;
    for (int offset : {0, 4}) {
      q.offset = offset;
      const auto page = tx.worklist_holds(q);
      EXPECT_EQ(page.size(), offset == 0 ? 4u : 2u);
      all.insert(all.end(), page.begin(), page.end());
    }
    std::vector<std::string> seen = keys(all);
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end()) << "a hold on two pages";
    ASSERT_EQ(all.size(), 6u);
    for (std::size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(all[i].item.kind, "hold");
      EXPECT_NE(std::find(soon.begin(), soon.end(), all[i].who.episode_id), soon.end());
      EXPECT_GE(all[i].item.start, kWorklistDay);
      EXPECT_LE(all[i].item.start, kWorklistDay.plus_days(7));
      EXPECT_EQ(all[i].mobile, "+989121234567");  // read with the row (as stored), for the coordinator's call
      if (i) {
        EXPECT_LE(all[i - 1].item.start, all[i].item.start);
      }
    }
    q.offset = 0;
    q.patient = "h-1";  // the record number, any case
    EXPECT_EQ(tx.worklist_holds_count(q), 2);
    for (const auto& r : tx.worklist_holds(q)) EXPECT_EQ(r.who.mrn, "H-1");
    q.patient = "";
    q.items = ",hip-msc-v1/hold-blood-thinner,";
    EXPECT_EQ(tx.worklist_holds_count(q), 3);
    for (const auto& r : tx.worklist_holds(q)) EXPECT_EQ(r.item.id, "hold-blood-thinner");
    q.items = ",";
    EXPECT_TRUE(tx.worklist_holds(q).empty());
    // Another centre's week has none of them.
    q = {"a", kWorklistDay, kWorklistDay.plus_days(7), "", "", "", 50, 0};
    for (const auto& r : tx.worklist_holds(q))
      EXPECT_EQ(std::find(soon.begin(), soon.end(), r.who.episode_id), soon.end());
  });
}

// A count asked to stop stops there, with and without filters; unasked, it counts all.
TEST_P(WorklistItemsStore, CountsStopWhereAsked) {
  store_->read([&](store::Transaction& tx) {
    for (const std::string patient : {"", "name"}) {
      auto q = query();
      q.patient = patient;
      const auto open = tx.worklist_open_count(q);
      const auto closed = tx.worklist_window_closed_count(q);
      ASSERT_GT(open, 2) << patient;
      ASSERT_GT(closed, 2) << patient;
      q.count_up_to = 2;
      EXPECT_EQ(tx.worklist_open_count(q), 2) << patient;
      EXPECT_EQ(tx.worklist_window_closed_count(q), 2) << patient;
      q.count_up_to = 100000;
      EXPECT_EQ(tx.worklist_open_count(q), open) << patient;
      EXPECT_EQ(tx.worklist_window_closed_count(q), closed) << patient;
    }
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

TEST_P(WorklistItemsStore, TheIndexedListsFollowTheRuleAsItemsEpisodesAndAnswersChange) {
  const std::vector<std::int64_t> all = {today_, overdue_, workup_, other_, ended_};
  const auto expect_the_rule = [&](const char* after) {
    SCOPED_TRACE(after);
    store_->read([&](store::Transaction& tx) {
      const Expected want = by_the_rule(tx, all);
      ASSERT_FALSE(want.open.empty());
      EXPECT_EQ(keys(tx.worklist_open_items(query())), want.open);
      EXPECT_EQ(tx.worklist_open_count(query()), static_cast<std::int64_t>(want.open.size()));
      EXPECT_EQ(keys(tx.worklist_window_closed(query())), want.closed);
      EXPECT_EQ(tx.worklist_window_closed_count(query()), static_cast<std::int64_t>(want.closed.size()));
    });
  };
  const auto on_list = [&](std::int64_t episode, const std::string& item) {
    bool found = false;
    store_->read([&](store::Transaction& tx) {
      for (const auto& r : tx.worklist_open_items(query())) found |= key(r) == std::to_string(episode) + "/" + item;
    });
    return found;
  };
  expect_the_rule("as planned");
  ASSERT_TRUE(on_list(today_, "prom-2w"));

  // An answer for the time point takes the questionnaire off.
  store_->write([&](store::Transaction& tx) {
    store::QuestionnaireResponseRow r;
    r.episode_id = today_;
    r.centre_id = "a";
    r.instrument = "hoos-jr";
    r.item_id = "prom-2w";
    r.answers_json = r.scores_json = "{}";
    r.source = "staff";
    r.submitted_by = "test";
    r.submitted_at = "2031-05-20T08:00:00Z";
    tx.insert_questionnaire_response(r);
  });
  EXPECT_FALSE(on_list(today_, "prom-2w"));
  expect_the_rule("an answer");

  // Done leaves the list; planned again comes back.
  store_->write([&](store::Transaction& tx) {
    auto item = *tx.schedule_item(today_, "visit-2w");
    item.status = ItemStatus::done;
    item.done_on = kWorklistDay;
    tx.update_schedule_item_status(today_, item);
  });
  EXPECT_FALSE(on_list(today_, "visit-2w"));
  expect_the_rule("an item done");
  store_->write([&](store::Transaction& tx) {
    auto item = *tx.schedule_item(today_, "visit-2w");
    item.status = ItemStatus::planned;
    item.done_on.reset();
    tx.update_schedule_item_status(today_, item);
  });
  EXPECT_TRUE(on_list(today_, "visit-2w"));

  // An episode that ends takes its items off; taken back, they return.
  const auto set_state = [&](std::int64_t id, EpisodeState state) {
    store_->write([&](store::Transaction& tx) {
      Episode e = *tx.find_episode(id);
      e.state = state;
      tx.update_episode(e, "2031-05-20T08:00:00.000Z");
    });
  };
  set_state(overdue_, EpisodeState::lost_to_follow_up);
  expect_the_rule("an episode lost to follow-up");
  set_state(ended_, EpisodeState::follow_up);
  EXPECT_TRUE(on_list(ended_, "visit-2w"));
  expect_the_rule("an episode taken back");

  // A schedule written afresh (new dates) is on the list as written.
  store_->write([&](store::Transaction& tx) {
    auto items = tx.schedule_of(workup_);
    for (auto& i : items) {
      i.start = i.start.plus_days(-2);
      i.window_end = i.window_end.plus_days(-2);
    }
    tx.replace_schedule(workup_, items);
  });
  expect_the_rule("a schedule written afresh");
}

TEST_P(WorklistItemsStore, PagesByOffsetOrCursorHoldEveryItemOnce) {
  store_->read([&](store::Transaction& tx) {
    const auto whole = keys(tx.worklist_open_items(query()));
    ASSERT_GE(whole.size(), 7u);
    for (const int limit : {1, 2, 3, 5}) {
      SCOPED_TRACE(limit);
      std::vector<std::string> by_offset, by_cursor;
      auto q = query();
      q.limit = limit;
      for (q.offset = 0; q.offset < static_cast<int>(whole.size()) + limit; q.offset += limit)
        for (const auto& k : keys(tx.worklist_open_items(q))) by_offset.push_back(k);
      EXPECT_EQ(by_offset, whole);
      q = query();
      q.limit = limit;
      for (int pages = 0; pages <= static_cast<int>(whole.size()); ++pages) {
        const auto page = tx.worklist_open_items(q);
        if (page.empty()) break;
        for (const auto& k : keys(page)) by_cursor.push_back(k);
        q.after = service::cursor_after(page.back(), kWorklistDay);
      }
      EXPECT_EQ(by_cursor, whole);
    }
    // A cursor, then an offset from it.
    auto q = query();
    q.limit = 2;
    q.after = service::cursor_after(tx.worklist_open_items(q).back(), kWorklistDay);
    q.offset = 3;
    const auto page = keys(tx.worklist_open_items(q));
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0], whole[5]);
    EXPECT_EQ(page[1], whole[6]);
  });
}

}  // namespace
}  // namespace rp::test
