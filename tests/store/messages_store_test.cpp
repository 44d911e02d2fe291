// The patient outbox (messages and message_attempts, migration 0028) on every engine: a
// dedupe key plans a message once, the due query returns only pending messages whose
// instant (and next try) has come, a claim succeeds once, a provider's id finds its
// message, the scheduler's page of episodes skips those off the pathway, and on
// PostgreSQL row security keeps a centre to its own.
#include <gtest/gtest.h>

#include <map>

#include "base/error.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

class MessagesStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      for (const char* centre : {"a", "b"}) tx.upsert_centre(test::test_centre(centre));
      patient_ = tx.insert_patient(test::bare_patient("a", "M1"), "t");
      episode_ = tx.insert_episode(outbox_episode(EpisodeState::injected), "t");
    });
  }

  Episode outbox_episode(EpisodeState state) const {
    Episode e;
    e.patient_id = patient_;
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {std::string(kIcd10Who), "M16.1"};
    e.state = state;
    return e;
  }

  MessageRow message(const std::string& key, const std::string& due) const {
    MessageRow m;
    m.patient_id = patient_;
    m.episode_id = episode_;
    m.centre_id = "a";
    m.dedupe_key = key;
    m.template_id = "visit_day_before";
    m.item_id = "visit-2w";
    m.channel = "sms";
    m.language = "fa";
    m.to_address = "+989121234567";
    m.due_at = due;
    m.expires_at = "2026-12-20T00:00:00.000Z";
    m.body = "text";
    m.created_at = "2026-12-01T00:00:00.000Z";
    return m;
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0, episode_ = 0;
};
INSTANTIATE_ENGINES(MessagesStore);

TEST_P(MessagesStore, ADedupeKeyPlansAMessageOnce) {
  std::optional<std::int64_t> first, again;
  store_->write([&](Transaction& tx) {
    first = tx.insert_message(message("episode:1:item:visit-2w:day-before", "2026-12-10T05:30:00.000Z"));
    again = tx.insert_message(message("episode:1:item:visit-2w:day-before", "2026-12-11T05:30:00.000Z"));
  });
  ASSERT_TRUE(first);
  EXPECT_FALSE(again);
  store_->read([&](Transaction& tx) {
    const auto rows = tx.messages_of_episode(episode_);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].id, *first);
    EXPECT_EQ(rows[0].due_at, "2026-12-10T05:30:00.000Z");  // the first plan stands
    EXPECT_EQ(rows[0].state, MessageState::pending);
    EXPECT_EQ(rows[0].episode_id, episode_);
    EXPECT_EQ(rows[0].language, "fa");
    EXPECT_FALSE(rows[0].claimed_at);
    EXPECT_EQ(tx.messages_of_patient(patient_, 10).size(), 1U);
  });
}

// A patient's messages a page at a time, by due instant then id: pages after the last
// message of the one before meet every message once, ties of one instant included; an
// id that is no message gives an empty page; an e-mail's subject and its route read back.
TEST_P(MessagesStore, APatientsMessagesComeAPageAtATimeEachOnce) {
  std::vector<std::int64_t> made;
  store_->write([&](Transaction& tx) {
    for (int i = 0; i < 23; ++i) {
      // Three messages share each instant: the id breaks the tie.
      MessageRow m = message("k:page:" + std::to_string(i), "2026-12-" + std::to_string(10 + i / 3) + "T05:30:00.000Z");
      m.channel = "email";
      m.to_address = "maryam@example.ir";
      m.subject = "فردا: ویزیت " + std::to_string(i);
      made.push_back(*tx.insert_message(m));
    }
  });
  std::vector<std::int64_t> seen;
  store_->read([&](Transaction& tx) {
    auto page = tx.messages_of_patient(patient_, 5);
    while (!page.empty()) {
      for (const auto& m : page) seen.push_back(m.id);
      page = tx.messages_of_patient_after(patient_, page.back().id, 5);
    }
    const auto one = tx.find_message(made[4]);
    EXPECT_EQ(one->subject, "فردا: ویزیت 4");
    EXPECT_EQ(one->channel, "email");
    EXPECT_TRUE(tx.messages_of_patient_after(patient_, 999999, 5).empty());
  });
  EXPECT_EQ(seen, made);
}

TEST_P(MessagesStore, TheDueQueryReturnsPendingMessagesWhoseTimeHasCome) {
  std::int64_t early = 0, later = 0, retry = 0, cancelled = 0;
  store_->write([&](Transaction& tx) {
    early = *tx.insert_message(message("k:early", "2026-12-10T05:30:00.000Z"));
    later = *tx.insert_message(message("k:later", "2026-12-12T05:30:00.000Z"));
    MessageRow r = message("k:retry", "2026-12-09T05:30:00.000Z");
    r.next_attempt_at = "2026-12-10T07:00:00.000Z";
    retry = *tx.insert_message(r);
    MessageRow c = message("k:cancelled", "2026-12-09T05:30:00.000Z");
    c.state = MessageState::cancelled;
    c.cancelled_by = "system";
    c.cancel_reason = "replanned";
    cancelled = *tx.insert_message(c);
  });
  store_->read([&](Transaction& tx) {
    const auto due = tx.due_messages("2026-12-10T06:00:00.000Z", 10);
    ASSERT_EQ(due.size(), 1U);
    EXPECT_EQ(due[0].id, early);
    const auto due_later = tx.due_messages("2026-12-12T06:00:00.000Z", 10);
    ASSERT_EQ(due_later.size(), 3U);
    EXPECT_EQ(due_later[0].id, retry);  // by due instant
    EXPECT_EQ(due_later[1].id, early);
    EXPECT_EQ(due_later[2].id, later);
    EXPECT_EQ(tx.due_messages("2026-12-12T06:00:00.000Z", 2).size(), 2U);
    EXPECT_EQ(tx.find_message(cancelled)->cancel_reason, "replanned");
  });
}

TEST_P(MessagesStore, AClaimSucceedsOnceAndTheResultIsKeptWithItsAttempts) {
  std::int64_t id = 0;
  store_->write([&](Transaction& tx) { id = *tx.insert_message(message("k:1", "2026-12-10T05:30:00.000Z")); });
  bool first = false, second = true;
  store_->write([&](Transaction& tx) {
    first = tx.claim_message(id, "2026-12-10T06:00:00.000Z");
    second = tx.claim_message(id, "2026-12-10T06:00:01.000Z");
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  store_->read([&](Transaction& tx) {
    const auto m = tx.find_message(id);
    EXPECT_EQ(m->state, MessageState::sending);
    EXPECT_EQ(m->attempts, 1);
    EXPECT_EQ(m->claimed_at, "2026-12-10T06:00:00.000Z");
    EXPECT_TRUE(tx.due_messages("2026-12-11T00:00:00.000Z", 10).empty());
    EXPECT_EQ(tx.stuck_sending("2026-12-10T06:00:00.000Z", 10).size(), 1U);
    EXPECT_TRUE(tx.stuck_sending("2026-12-10T05:59:59.000Z", 10).empty());
    EXPECT_EQ(tx.messages_sent_between(patient_, "2026-12-09T20:30:00.000Z", "2026-12-10T20:30:00.000Z"), 1);
    EXPECT_EQ(tx.messages_sent_between(patient_, "2026-12-10T20:30:00.000Z", "2026-12-11T20:30:00.000Z"), 0);
  });
  store_->write([&](Transaction& tx) {
    auto m = *tx.find_message(id);
    m.state = MessageState::sent;
    m.provider_id = "gw-778";
    m.sent_at = "2026-12-10T06:00:02.000Z";
    m.last_detail = "accepted";
    tx.update_message(m);
    tx.insert_message_attempt({0, id, "a", "2026-12-10T06:00:02.000Z", "sent", "gw-778", "accepted"});
    tx.insert_message_attempt({0, id, "a", "2026-12-10T06:01:00.000Z", "delivered", "gw-778", "report"});
  });
  store_->read([&](Transaction& tx) {
    const auto m = tx.find_message_by_provider_id("gw-778");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->id, id);
    EXPECT_EQ(m->state, MessageState::sent);
    EXPECT_EQ(m->last_detail, "accepted");
    EXPECT_FALSE(tx.find_message_by_provider_id("gw-779"));
    const auto attempts = tx.message_attempts(id);
    ASSERT_EQ(attempts.size(), 2U);
    EXPECT_EQ(attempts[0].outcome, "sent");
    EXPECT_EQ(attempts[1].outcome, "delivered");
    EXPECT_EQ(attempts[1].provider_id, "gw-778");
  });
  MessageRow missing = message("k:none", "2026-12-10T05:30:00.000Z");
  missing.id = 999999;
  EXPECT_THROW(store_->write([&](Transaction& tx) { tx.update_message(missing); }), NotFoundError);
}

// The worklist's section of messages that need a person: the centre's failed and unknown
// ones, the latest due first; neither pending, sent, delivered, cancelled nor another
// centre's; a message sent again leaves it.
TEST_P(MessagesStore, TheMessagesThatNeedAPersonAreTheCentresFailedAndUnknownOnes) {
  std::map<std::string, std::int64_t> ids;
  store_->write([&](Transaction& tx) {
    const std::int64_t other = tx.insert_patient(test::bare_patient("b", "B1"), "t");
    int n = 0;
    for (const auto state : {MessageState::failed, MessageState::unknown, MessageState::pending, MessageState::sent,
                             MessageState::delivered, MessageState::cancelled}) {
      const std::string name(to_string(state));
      MessageRow m = message("k:" + name, "2026-12-1" + std::to_string(n++) + "T05:30:00.000Z");
      const std::int64_t id = *tx.insert_message(m);
      m = *tx.find_message(id);
      m.state = state;
      tx.update_message(m);
      ids[name] = id;
    }
    MessageRow elsewhere = message("k:b", "2026-12-19T05:30:00.000Z");
    elsewhere.patient_id = other;
    elsewhere.episode_id.reset();
    elsewhere.centre_id = "b";
    elsewhere = *tx.find_message(*tx.insert_message(elsewhere));
    elsewhere.state = MessageState::failed;
    tx.update_message(elsewhere);
  });
  store_->read([&](Transaction& tx) {
    const auto rows = tx.messages_for_a_person("a", 10);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].id, ids["unknown"]);  // due 2026-12-11, after the failed one
    EXPECT_EQ(rows[1].id, ids["failed"]);
    EXPECT_EQ(tx.messages_for_a_person("a", 1).size(), 1U);
    EXPECT_EQ(tx.count_messages_for_a_person("a"), static_cast<int>(rows.size())) << "counted however many are shown";
    EXPECT_EQ(tx.messages_for_a_person("b", 10).size(), 1U);
    EXPECT_EQ(tx.count_messages_for_a_person("b"), 1);
  });
  store_->write([&](Transaction& tx) {
    auto m = *tx.find_message(ids["failed"]);
    m.state = MessageState::pending;  // a coordinator sent it again
    tx.update_message(m);
  });
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.messages_for_a_person("a", 10).size(), 1U); });
}

TEST_P(MessagesStore, ThePageOfEpisodesOnThePathwaySkipsThoseThatLeftIt) {
  std::int64_t withdrawn = 0, scheduled = 0;
  store_->write([&](Transaction& tx) {
    withdrawn = tx.insert_episode(outbox_episode(EpisodeState::withdrawn), "t");
    scheduled = tx.insert_episode(outbox_episode(EpisodeState::scheduled), "t");
  });
  store_->read([&](Transaction& tx) {
    const auto page = tx.pathway_episodes(0, 10);
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[0].episode_id, episode_);
    EXPECT_EQ(page[0].patient_id, patient_);
    EXPECT_EQ(page[0].centre_id, "a");
    EXPECT_EQ(page[1].episode_id, scheduled);
    EXPECT_EQ(tx.pathway_episodes(episode_, 10).size(), 1U);
    EXPECT_EQ(tx.pathway_episodes(0, 1).size(), 1U);
  });
  (void)withdrawn;
}

// Migration 0032: every change the plan reads marks its episode, the scheduler's clear
// takes the marks of a range, and what the plan does not read (a message, an answer's
// worklist column) marks nothing.
TEST_P(MessagesStore, ChangesThePlanReadsMarkTheirEpisodeForAReplan) {
  auto marked = [&] {
    std::vector<std::int64_t> ids;
    store_->read([&](Transaction& tx) {
      for (const auto& row : tx.episodes_to_replan(0, 100)) ids.push_back(row.episode_id);
    });
    return ids;
  };
  auto clear = [&] { store_->write([&](Transaction& tx) { tx.clear_replan_marks(0, INT64_MAX); }); };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(marked(), Ids{episode_}) << "a new episode is marked";
  clear();
  EXPECT_TRUE(marked().empty());

  ScheduledItem item;
  item.id = "visit-2w";
  item.kind = "visit";
  item.anchor = "injection";
  item.offset = "+2w";
  item.start = item.end = item.window_start = item.window_end = CivilDate::from_ymd(2026, 12, 20);
  store_->write([&](Transaction& tx) { tx.replace_schedule(episode_, {item}); });
  EXPECT_EQ(marked(), Ids{episode_}) << "its schedule written";
  clear();
  store_->write([&](Transaction& tx) { tx.insert_message(message("k:replan", "2026-12-10T05:30:00.000Z")); });
  EXPECT_TRUE(marked().empty()) << "a message is the plan's output, not its input";
  item.status = ItemStatus::done;
  item.done_on = CivilDate::from_ymd(2026, 12, 20);
  store_->write([&](Transaction& tx) { tx.update_schedule_item_status(episode_, item); });
  EXPECT_EQ(marked(), Ids{episode_}) << "an item done";
  clear();
  store_->write([&](Transaction& tx) {
    Patient p = *tx.find_patient(patient_);
    p.mobile = "+989129999999";
    tx.update_patient(p);
  });
  EXPECT_EQ(marked(), Ids{episode_}) << "its patient's mobile";
  clear();
  store_->write([&](Transaction& tx) {
    Centre c = test::test_centre("a");
    c.name_fa = "مرکز دیگر";
    tx.upsert_centre(c);
  });
  EXPECT_EQ(marked(), Ids{episode_}) << "its centre's name";
  clear();
  std::int64_t second = 0, withdrawn = 0;
  store_->write([&](Transaction& tx) {
    second = tx.insert_episode(outbox_episode(EpisodeState::scheduled), "t");
    withdrawn = tx.insert_episode(outbox_episode(EpisodeState::withdrawn), "t");
  });
  EXPECT_EQ(marked(), Ids{second}) << "an episode off the pathway is never returned";
  store_->write([&](Transaction& tx) { tx.clear_replan_marks(0, second); });
  EXPECT_TRUE(marked().empty());
  store_->write([&](Transaction& tx) {
    auto e = *tx.find_episode(withdrawn);
    e.state = EpisodeState::scheduled;  // taken back onto the pathway
    tx.update_episode(e, "t");
  });
  EXPECT_EQ(marked(), Ids{withdrawn}) << "the withdrawn episode's mark was cleared past the range";
}

TEST_P(MessagesStore, AnotherCentreReachesNoMessageUnderRowSecurity) {
  std::int64_t id = 0;
  store_->write([&](Transaction& tx) {
    id = *tx.insert_message(message("k:rls", "2026-12-10T05:30:00.000Z"));
    tx.insert_message_attempt({0, id, "a", "2026-12-10T06:00:02.000Z", "failed", std::nullopt, "timeout"});
  });
  if (postgres()) {
    store_.reset();
    store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  }
  store_->read(CentreScope::of_centre("a"), [&](Transaction& tx) {
    EXPECT_TRUE(tx.find_message(id));
    EXPECT_EQ(tx.message_attempts(id).size(), 1U);
  });
  if (postgres()) {
    store_->read(CentreScope::of_centre("b"), [&](Transaction& tx) {
      EXPECT_FALSE(tx.find_message(id));
      EXPECT_TRUE(tx.message_attempts(id).empty());
      EXPECT_TRUE(tx.due_messages("2027-01-01T00:00:00.000Z", 10).empty());
    });
  }
}

}  // namespace
}  // namespace rp::store
