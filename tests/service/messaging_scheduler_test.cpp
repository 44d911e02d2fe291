// The outbox's scheduler (service/messaging/scheduler.hpp) on a real SQLite store under
// a controllable clock: a demo-like patient's first year is sent message by message, each
// once, on its day; a crash between claim and send leaves the message for a person; a
// downtime is caught up without flooding; the daily cap, consent, quiet hours, retries
// and a provider's refusal do what they say.
#include <gtest/gtest.h>

#include <set>

#include "../store/store_test_support.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"
#include "channels/log_channel.hpp"
#include "domain/schedule.hpp"
#include "service/messaging/on_call_alert.hpp"
#include "service/messaging/outbox.hpp"
#include "service/messaging/scheduler.hpp"
#include "service/protocols.hpp"

namespace rp::service::messaging {
namespace {

using channels::SendResult;
using store::MessageRow;
using store::MessageState;

// A channel answering as told (sent unless scripted otherwise), keeping what it was given.
class ScriptedChannel final : public channels::Channel {
 public:
  explicit ScriptedChannel(std::string name = "sms") : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  SendResult send(const channels::OutgoingMessage& m) override {
    sent.push_back(m);
    if (!script.empty()) {
      SendResult r = script.front();
      script.erase(script.begin());
      return r;
    }
    return {SendResult::Outcome::sent, "gw-" + m.idempotency_key, "accepted"};
  }
  std::vector<channels::OutgoingMessage> sent;
  std::vector<SendResult> script;

 private:
  std::string name_;
};

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    store_->write([&](store::Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      Patient p = test::bare_patient("a", "M1");
      p.name_fa = "مریم";
      p.mobile = "+989121234567";
      p.consent.contact = true;
      patient_ = tx.insert_patient(p, "t");
      Episode e;
      e.patient_id = patient_;
      e.centre_id = "a";
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {std::string(kIcd10Who), "M16.1"};
      e.state = EpisodeState::scheduled;
      episode_ = tx.insert_episode(e, "t");
      tx.replace_schedule(episode_, schedule_for("2027-01-12"));
    });
  }

  static std::vector<ScheduledItem> schedule_for(const std::string& injection) {
    return derive_schedule(*load_protocol("hip-msc-v1"),
                           {{"harvest", parse_gregorian("2027-01-10")}, {"injection", parse_gregorian(injection)}});
  }

  std::vector<MessageRow> messages() {
    std::vector<MessageRow> out;
    store_->read([&](store::Transaction& tx) { out = tx.messages_of_patient(patient_, 1000); });
    return out;
  }
  int count(MessageState state, const std::string& reason = "") {
    int n = 0;
    for (const auto& m : messages()) n += m.state == state && (reason.empty() || m.cancel_reason == reason);
    return n;
  }
  static std::int64_t at(const std::string& iso) { return instant_ms(iso); }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::int64_t patient_ = 0, episode_ = 0;
  ScriptedChannel channel_;
};

TEST_F(SchedulerTest, AFirstYearIsSentMessageByMessageEachOnceOnItsDay) {
  Scheduler scheduler(*store_, channel_);
  // A pass a little after 09:00 and one at 15:00 in Tehran each day, 2026-12-01 to 2027-12-31.
  PassSummary total;
  for (std::int64_t day = at("2026-12-01T05:31:00Z"); day < at("2028-01-01T00:00:00Z"); day += 86'400'000) {
    for (std::int64_t t : {day, day + 6 * 3600'000}) {
      const PassSummary s = scheduler.pass(t);
      total.inserted += s.inserted;
      total.sent += s.sent;
      total.cancelled_superseded += s.cancelled_superseded;
      total.cancelled_expired += s.cancelled_expired;
      total.deferred_by_cap += s.deferred_by_cap;
    }
  }
  // 37 messages are due in the first year (tests/domain/messaging_plan_test.cpp lists
  // them); each went once, none was dropped, none waited.
  EXPECT_EQ(total.sent, 37);
  EXPECT_EQ(channel_.sent.size(), 37U);
  EXPECT_EQ(total.cancelled_superseded + total.cancelled_expired + total.deferred_by_cap, 0);
  std::set<std::string> keys;
  for (const auto& m : channel_.sent) keys.insert(m.idempotency_key);
  EXPECT_EQ(keys.size(), 37U);
  for (const auto& m : messages()) {
    if (m.state != MessageState::sent) continue;
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.sent_at->substr(0, 10), m.due_at.substr(0, 10)) << m.dedupe_key;  // on its day
    EXPECT_EQ(m.provider_id, "gw-message-" + std::to_string(m.id));
    EXPECT_EQ(m.channel, "sms");
    EXPECT_EQ(m.language, "fa");
  }
  // The 24- and 36-month messages wait, pending.
  EXPECT_EQ(count(MessageState::pending), 6);
  // The text is Persian, with the patient's name and a Jalali date in Persian digits.
  const auto first = std::find_if(channel_.sent.begin(), channel_.sent.end(),
                                  [](const auto& m) { return m.body.find("۱۴۰۵/۰۹/۱۵") != std::string::npos; });
  ASSERT_NE(first, channel_.sent.end());  // 2026-12-06, the consultation
  EXPECT_EQ(first->body.rfind("مریم گرامی، فردا", 0), 0U) << first->body;
  EXPECT_EQ(first->to, "+989121234567");
}

// The patient's own language writes their messages; when staff record another language
// or mobile, the messages still waiting are rewritten for it, and those already sent
// stay as they went.
TEST_F(SchedulerTest, MessagesAreInThePatientsLanguageAndFollowAChange) {
  store_->write([&](store::Transaction& tx) {
    Patient p = *tx.find_patient(patient_);
    p.name_latin = "Maryam";
    p.language = Language::en;
    tx.update_patient(p);
  });
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-05T06:00:00Z"));  // the consultation's reminder, 2026-12-05
  const auto reminder = std::find_if(channel_.sent.begin(), channel_.sent.end(),
                                     [](const auto& m) { return m.body.find("2026-12-06") != std::string::npos; });
  ASSERT_NE(reminder, channel_.sent.end());
  EXPECT_EQ(reminder->body.rfind("Maryam, tomorrow, 2026-12-06", 0), 0U) << reminder->body;
  for (const auto& m : messages()) {
    EXPECT_EQ(m.language, "en") << m.dedupe_key;
    EXPECT_EQ(m.body.find("گرامی"), std::string::npos) << m.body;
  }

  store_->write([&](store::Transaction& tx) {
    Patient p = *tx.find_patient(patient_);
    p.language = Language::fa;
    p.mobile = "+989127654321";
    tx.update_patient(p);
  });
  const PassSummary s = scheduler.plan(at("2026-12-05T07:00:00Z"));
  EXPECT_EQ(s.readdressed, count(MessageState::pending));
  EXPECT_GT(s.readdressed, 30);
  EXPECT_EQ(s.inserted + s.cancelled_replanned, 0);
  for (const auto& m : messages()) {
    if (m.state == MessageState::sent) {
      EXPECT_EQ(m.language, "en");  // what went, went in English to the old number
      EXPECT_EQ(m.to_address, "+989121234567");
      continue;
    }
    EXPECT_EQ(m.language, "fa") << m.dedupe_key;
    EXPECT_EQ(m.to_address, "+989127654321");
    EXPECT_EQ(m.body.rfind("مریم گرامی", 0), 0U) << m.body;
  }
  // Nothing differs now: a second pass rewrites nothing.
  EXPECT_EQ(scheduler.plan(at("2026-12-05T07:05:00Z")).readdressed, 0);
}

// A patient who prefers e-mail is written to at their address, through the e-mail
// channel, with a subject line in their language; a change of preference or address
// moves every message still waiting, and with no address left they are cancelled.
TEST_F(SchedulerTest, APatientWhoPrefersEmailIsWrittenToAndAChangeMovesWhatWaits) {
  const auto change = [&](auto edit) {
    store_->write([&](store::Transaction& tx) {
      Patient p = *tx.find_patient(patient_);
      edit(p);
      tx.update_patient(p);
    });
  };
  change([](Patient& p) {
    p.email = "maryam@example.ir";
    p.preferred_channel = ContactChannel::email;
  });
  ScriptedChannel email("email");
  Scheduler scheduler(*store_, channel_, email);
  scheduler.pass(at("2026-12-05T06:00:00Z"));  // the consultation's reminder, 2026-12-05
  EXPECT_TRUE(channel_.sent.empty()) << "no text message to a patient who prefers e-mail";
  ASSERT_EQ(email.sent.size(), 1U);
  EXPECT_EQ(email.sent[0].to, "maryam@example.ir");
  EXPECT_EQ(email.sent[0].subject.rfind("فردا: ", 0), 0U) << email.sent[0].subject;
  EXPECT_EQ(email.sent[0].body.rfind("مریم گرامی، فردا", 0), 0U) << email.sent[0].body;
  const int waiting = count(MessageState::pending);
  EXPECT_GT(waiting, 30);
  for (const auto& m : messages()) {
    EXPECT_EQ(m.channel, "email") << m.dedupe_key;
    EXPECT_EQ(m.to_address, "maryam@example.ir");
    EXPECT_FALSE(m.subject.empty()) << m.dedupe_key;
  }

  // Text messages preferred now: what waits goes to the mobile, with no subject.
  change([](Patient& p) { p.preferred_channel = ContactChannel::sms; });
  EXPECT_EQ(scheduler.plan(at("2026-12-05T07:00:00Z")).readdressed, waiting);
  for (const auto& m : messages()) {
    if (m.state == MessageState::sent) {
      EXPECT_EQ(m.channel, "email");  // what went, went by e-mail
      continue;
    }
    EXPECT_EQ(m.channel, "sms") << m.dedupe_key;
    EXPECT_EQ(m.to_address, "+989121234567");
    EXPECT_EQ(m.subject, "");
  }
  // The mobile removed: the e-mail address is the only way left, and it is taken.
  change([](Patient& p) { p.mobile.clear(); });
  EXPECT_EQ(scheduler.plan(at("2026-12-05T07:05:00Z")).readdressed, waiting);
  for (const auto& m : messages()) EXPECT_EQ(m.channel, "email") << m.dedupe_key;
  std::string next_due = "9999";
  for (const auto& m : messages())
    if (m.state == MessageState::pending) next_due = std::min(next_due, m.due_at);
  const std::int64_t next = at(next_due) + 60'000;
  EXPECT_EQ(scheduler.pass(next).sent, 1);
  EXPECT_TRUE(channel_.sent.empty());
  ASSERT_EQ(email.sent.size(), 2U);
  EXPECT_EQ(email.sent[1].to, "maryam@example.ir");
  // No address at all: what waits is cancelled, and said why.
  change([](Patient& p) { p.email.clear(); });
  const int left = count(MessageState::pending);
  const PassSummary s = scheduler.plan(next + 60'000);
  EXPECT_EQ(s.cancelled_no_address, left);
  EXPECT_EQ(s.cancelled_consent + s.cancelled_replanned, 0);
  EXPECT_EQ(count(MessageState::cancelled, "no_address"), left);
  EXPECT_EQ(count(MessageState::pending), 0);
}

// A red flag's alert to the on-call clinician goes inside quiet hours and past the
// patient's daily cap, and does not count toward the cap; the patients' messages wait.
TEST_F(SchedulerTest, AnOnCallAlertGoesAtNightAndPastTheCap) {
  Scheduler scheduler(*store_, channel_, {.daily_cap = 1});
  scheduler.plan(at("2026-12-05T06:00:00Z"));
  Centre centre;
  store_->read([&](store::Transaction& tx) { centre = *tx.find_centre("a"); });
  centre.on_call_mobile = "+989127776655";
  const std::string night = "2026-12-05T22:30:00.000Z";  // 02:00 in Tehran
  store_->write([&](store::Transaction& tx) {
    tx.upsert_centre(centre);
    // The patient's one message of the day has gone already.
    ASSERT_TRUE(tx.claim_message(tx.messages_of_patient(patient_, 1)[0].id, "2026-12-05T21:00:00.000Z"));
    EXPECT_TRUE(queue_on_call_alert(tx, centre, *tx.find_patient(patient_), 41, night, at(night)));
    EXPECT_FALSE(queue_on_call_alert(tx, centre, *tx.find_patient(patient_), 41, night, at(night)));  // once
  });
  const PassSummary s = scheduler.pass(at(night) + 60'000);
  EXPECT_EQ(s.sent, 1);
  ASSERT_EQ(channel_.sent.size(), 1U);
  EXPECT_EQ(channel_.sent[0].to, "+989127776655");
  EXPECT_EQ(channel_.sent[0].body.rfind("علامت هشدار در", 0), 0U) << channel_.sent[0].body;
  EXPECT_NE(channel_.sent[0].body.find("M1"), std::string::npos) << "the record number";
  int cap_count = 0;
  store_->read([&](store::Transaction& tx) {
    cap_count = tx.messages_sent_between(patient_, "2026-12-05T20:30:00.000Z", "2026-12-06T20:30:00.000Z");
  });
  EXPECT_EQ(cap_count, 1) << "the alert is not the patient's message";
}

TEST_F(SchedulerTest, AMessageLeftSendingByACrashBecomesUnknownAndIsNeverResent) {
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-01T06:00:00Z"));  // plans, sends nothing yet
  std::int64_t claimed = 0;
  store_->write([&](store::Transaction& tx) {
    // The consultation's reminder, claimed by a pass that died before it sent.
    claimed = tx.due_messages("2026-12-05T05:31:00.000Z", 1).at(0).id;
    ASSERT_TRUE(tx.claim_message(claimed, "2026-12-05T05:31:00.000Z"));
  });
  const PassSummary s = scheduler.pass(at("2026-12-05T05:40:00Z"));
  EXPECT_EQ(s.marked_unknown, 1);
  EXPECT_EQ(s.sent, 0);
  EXPECT_TRUE(channel_.sent.empty());
  scheduler.pass(at("2026-12-05T06:40:00Z"));
  EXPECT_TRUE(channel_.sent.empty());
  store_->read([&](store::Transaction& tx) {
    const auto m = tx.find_message(claimed);
    EXPECT_EQ(m->state, MessageState::unknown);
    ASSERT_EQ(tx.message_attempts(claimed).size(), 1U);
    EXPECT_EQ(tx.message_attempts(claimed)[0].outcome, "unknown");
  });
}

TEST_F(SchedulerTest, AfterADowntimeOnlyTheLatestStaleMessageOfAnItemGoes) {
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  // Down from 2026-12-01 until 2026-12-21 10:00 local: the baseline questionnaire's
  // invitation (12-13) and its reminders (12-16, 12-20) are all stale.
  const PassSummary s = scheduler.pass(at("2026-12-21T06:30:00Z"));
  EXPECT_EQ(s.sent, 1);
  ASSERT_EQ(channel_.sent.size(), 1U);
  EXPECT_EQ(count(MessageState::cancelled, "superseded"), 2);
  // The consultation's reminder (12-05) was pointless once the visit began (12-06).
  EXPECT_EQ(count(MessageState::cancelled, "expired"), 1);
  for (const auto& m : messages())
    if (m.state == MessageState::sent) {
      EXPECT_EQ(m.template_id, "questionnaire_reminder") << m.dedupe_key;
    }
}

TEST_F(SchedulerTest, ThePatientsDailyCapHoldsTheRestToTheNextMorning) {
  SchedulerSettings settings;
  settings.daily_cap = 1;
  Scheduler scheduler(*store_, channel_, settings);
  // Up to 2026-12-23 at most one message a day is due: each goes on its day.
  for (std::int64_t day = at("2026-12-01T05:31:00Z"); day < at("2026-12-24T00:00:00Z"); day += 86'400'000)
    EXPECT_EQ(scheduler.pass(day).deferred_by_cap, 0);
  const std::size_t before = channel_.sent.size();
  EXPECT_EQ(before, 4U);  // the consultation's day before, the baseline invitation and its two reminders
  // 2026-12-24: two holds begin in 3 days (the anti-inflammatories and the blood thinners).
  const PassSummary s = scheduler.pass(at("2026-12-24T05:31:00Z"));
  EXPECT_EQ(s.sent, 1);
  EXPECT_EQ(s.deferred_by_cap, 1);
  EXPECT_EQ(scheduler.pass(at("2026-12-24T10:00:00Z")).sent, 0);        // still the same day
  const PassSummary next = scheduler.pass(at("2026-12-25T05:00:00Z"));  // 08:30 local
  EXPECT_EQ(next.sent, 1);
  EXPECT_EQ(channel_.sent.size(), before + 2);
}

TEST_F(SchedulerTest, NothingGoesInQuietHoursAndWithdrawnConsentCancelsWhatWaits) {
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  const PassSummary quiet = scheduler.pass(at("2026-12-05T18:00:00Z"));  // 21:30 local
  EXPECT_TRUE(quiet.quiet_hours);
  EXPECT_EQ(quiet.sent, 0);
  const int planned = count(MessageState::pending);
  ASSERT_GT(planned, 30);
  store_->write([&](store::Transaction& tx) {
    Patient p = *tx.find_patient(patient_);
    p.consent.contact = false;
    tx.update_patient(p);
  });
  const PassSummary s = scheduler.pass(at("2026-12-05T18:10:00Z"));
  EXPECT_EQ(s.cancelled_consent, planned);
  EXPECT_EQ(count(MessageState::pending), 0);
  EXPECT_TRUE(channel_.sent.empty());
}

TEST_F(SchedulerTest, AReplanCancelsTheOldDaysAndPlansTheNew) {
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  store_->write([&](store::Transaction& tx) { tx.replace_schedule(episode_, schedule_for("2027-01-19")); });
  const PassSummary s = scheduler.pass(at("2026-12-01T07:00:00Z"));
  EXPECT_GT(s.cancelled_replanned, 0);
  EXPECT_EQ(s.inserted, s.cancelled_replanned);  // every moved message has its new day
  bool old_cancelled = false, new_pending = false;
  for (const auto& m : messages()) {
    if (m.dedupe_key == "episode:" + std::to_string(episode_) + ":item:visit-2w:day-before:2027-01-25")
      old_cancelled = m.state == MessageState::cancelled && m.cancel_reason == "replanned";
    if (m.dedupe_key == "episode:" + std::to_string(episode_) + ":item:visit-2w:day-before:2027-02-01")
      new_pending = m.state == MessageState::pending;
  }
  EXPECT_TRUE(old_cancelled);
  EXPECT_TRUE(new_pending);
  // A second pass changes nothing.
  const PassSummary again = scheduler.pass(at("2026-12-01T08:00:00Z"));
  EXPECT_EQ(again.inserted + again.cancelled_replanned, 0);
}

// A pass plans again only the episodes a change marked (migration 0032), so the pass the
// server runs every minute costs the due query, not a walk of every episode; a new
// scheduler (a restarted server, whose protocols may be new) plans them all once.
TEST_F(SchedulerTest, OnlyAChangedEpisodeIsPlannedAgainAndARestartPlansEveryOne) {
  Scheduler scheduler(*store_, channel_);
  EXPECT_EQ(scheduler.pass(at("2026-12-01T06:00:00Z")).episodes, 1);
  const PassSummary idle = scheduler.pass(at("2026-12-01T06:01:00Z"));
  EXPECT_EQ(idle.episodes, 0);
  EXPECT_EQ(idle.inserted, 0);
  // The coordinator cancels one: the plan's output, not its input, so nothing is re-planned.
  Outbox(*store_, Clock::fixed(at("2026-12-01T06:01:30Z")))
      .cancel({"co-a", Role::coordinator, "a"}, messages().back().id, "the patient asked");
  EXPECT_EQ(scheduler.pass(at("2026-12-01T06:02:00Z")).episodes, 0);

  // The injection moves a week: that episode is planned again, once.
  store_->write([&](store::Transaction& tx) { tx.replace_schedule(episode_, schedule_for("2027-01-19")); });
  const PassSummary moved = scheduler.pass(at("2026-12-01T06:03:00Z"));
  EXPECT_EQ(moved.episodes, 1);
  EXPECT_GT(moved.cancelled_replanned, 0);
  EXPECT_EQ(scheduler.pass(at("2026-12-01T06:04:00Z")).episodes, 0);

  // The patient's mobile changes: the pending messages follow it on the next pass.
  store_->write([&](store::Transaction& tx) {
    Patient p = *tx.find_patient(patient_);
    p.mobile = "+989351112233";
    tx.update_patient(p);
  });
  const PassSummary readdressed = scheduler.pass(at("2026-12-01T06:05:00Z"));
  EXPECT_EQ(readdressed.episodes, 1);
  EXPECT_EQ(readdressed.readdressed, count(MessageState::pending));
  for (const auto& m : messages())
    if (m.state == MessageState::pending) {
      EXPECT_EQ(m.to_address, "+989351112233");
    }

  // Another server (or this one restarted) walks every episode on its first pass.
  Scheduler restarted(*store_, channel_);
  const PassSummary first = restarted.pass(at("2026-12-01T06:06:00Z"));
  EXPECT_EQ(first.episodes, 1);
  EXPECT_EQ(first.inserted + first.cancelled_replanned + first.readdressed, 0);
  EXPECT_EQ(restarted.pass(at("2026-12-01T06:07:00Z")).episodes, 0);
}

// The first walk goes a page of episodes per write, pausing after each as long as the page
// took: every episode is still planned, once, however many pages.
TEST_F(SchedulerTest, TheFirstWalkPlansEveryEpisodeAPageAtATime) {
  store_->write([&](store::Transaction& tx) {
    for (int i = 0; i < 6; ++i) {
      Patient p = test::bare_patient("a", "P" + std::to_string(i));
      p.mobile = "+98912123450" + std::to_string(i);
      p.consent.contact = true;
      Episode e;
      e.patient_id = tx.insert_patient(p, "t");
      e.centre_id = "a";
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {std::string(kIcd10Who), "M16.1"};
      e.state = EpisodeState::scheduled;
      tx.replace_schedule(tx.insert_episode(e, "t"), schedule_for("2027-01-12"));
    }
  });
  SchedulerSettings settings;
  settings.episode_page = 2;
  ASSERT_TRUE(settings.pause_between_pages);
  Scheduler scheduler(*store_, channel_, settings);
  const PassSummary first = scheduler.plan(at("2026-12-01T06:00:00Z"));
  EXPECT_EQ(first.episodes, 7);  // the fixture's and six more, over four pages
  EXPECT_GT(first.inserted, 0);
  EXPECT_EQ(scheduler.plan(at("2026-12-01T06:01:00Z")).episodes, 0);
  Scheduler restarted(*store_, channel_, settings);
  const PassSummary again = restarted.plan(at("2026-12-01T06:02:00Z"));
  EXPECT_EQ(again.episodes, 7);
  EXPECT_EQ(again.inserted, 0);  // nothing planned twice
}

// A scheduler told to stop (the server stopping) plans and sends nothing more, and a
// restarted one walks every episode again.
TEST_F(SchedulerTest, AnInterruptedWalkStopsAndTheNextSchedulerWalksAgain) {
  Scheduler stopping(*store_, channel_);
  stopping.interrupt();
  const PassSummary cut = stopping.pass(at("2027-01-01T06:00:00Z"));
  EXPECT_EQ(cut.episodes, 0);
  EXPECT_TRUE(messages().empty());
  EXPECT_TRUE(channel_.sent.empty());
  Scheduler restarted(*store_, channel_);
  EXPECT_EQ(restarted.plan(at("2027-01-01T06:01:00Z")).episodes, 1);
  EXPECT_FALSE(messages().empty());
}

// One link for a whole time point: a questionnaire's invitation and reminders open its
// page in the portal (every instrument of it in one sitting); other messages name the portal.
TEST_F(SchedulerTest, AQuestionnairesMessagesLinkToItsTimePointInThePortal) {
  SchedulerSettings settings;
  settings.portal_link = "https://clinic.example/portal/";
  Scheduler scheduler(*store_, channel_, settings);
  scheduler.plan(at("2026-12-01T06:00:00Z"));
  const std::string episode = std::to_string(episode_);
  int questionnaires = 0;
  for (const auto& m : messages()) {
    const bool questionnaire = m.template_id.rfind("questionnaire_", 0) == 0;
    if (questionnaire) {
      ++questionnaires;
      EXPECT_NE(m.body.find("https://clinic.example/portal/questionnaire/" + episode + "/" + m.item_id + " "),
                std::string::npos)
          << m.body;
    } else {
      EXPECT_EQ(m.body.find("/questionnaire/"), std::string::npos) << m.body;
    }
  }
  EXPECT_EQ(questionnaires, 8 * 3) << "an invitation and two reminders for each of the 8 time points";
}

TEST_F(SchedulerTest, AFailingGatewayIsTriedAgainWithBackoffThenFailed) {
  SchedulerSettings settings;
  settings.max_attempts = 3;
  Scheduler scheduler(*store_, channel_, settings);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  const SendResult down{SendResult::Outcome::failed, "", "HTTP 503"};
  channel_.script = {down, down, down};
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:31:00Z")).retrying, 1);
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:35:00Z")).claimed, 0);  // backoff: 5 minutes
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:36:00Z")).retrying, 1);
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:45:00Z")).claimed, 0);  // then 10
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:46:00Z")).failed, 1);
  EXPECT_EQ(channel_.sent.size(), 3U);
  std::set<std::string> keys;
  for (const auto& m : channel_.sent) keys.insert(m.idempotency_key);
  EXPECT_EQ(keys.size(), 1U);  // the same key every try
  EXPECT_EQ(count(MessageState::failed), 1);
  // A refusal fails at once; an answer that may or may not mean sent is left for a person.
  channel_.script = {{SendResult::Outcome::rejected, "", "bad number"}, {SendResult::Outcome::unknown, "", "timeout"}};
  const PassSummary s = scheduler.pass(at("2026-12-13T05:31:00Z"));  // the baseline questionnaire's invitation
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(count(MessageState::failed), 2);
  EXPECT_EQ(scheduler.pass(at("2026-12-16T05:31:00Z")).unknown, 1);
  EXPECT_EQ(count(MessageState::unknown), 1);
}

TEST_F(SchedulerTest, TheLogChannelSendsTheDemosMessages) {
  channels::LogChannel log;
  Scheduler scheduler(*store_, log);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:31:00Z")).sent, 1);
  EXPECT_EQ(log.sent(), 1);
  // The row names the way to the patient; the log's provider id and detail say what carried it.
  for (const auto& m : messages()) {
    EXPECT_EQ(m.channel, "sms");
    if (m.state != MessageState::sent) continue;
    EXPECT_EQ(m.provider_id, "log-message-" + std::to_string(m.id));
    EXPECT_EQ(m.last_detail, "written to the server log");
  }
}

TEST_F(SchedulerTest, StaffReadCancelAndResendWithAReasonEachAudited) {
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  Outbox outbox(*store_, Clock::fixed(at("2026-12-02T06:00:00Z")));
  const Actor coordinator{"co-a", Role::coordinator, "a"};
  const auto listed = outbox.of_patient(coordinator, patient_);
  ASSERT_EQ(listed.size(), messages().size());
  const std::int64_t id = listed.front().message.id;
  // Another centre's staff do not find the patient nor the message; the lab may read
  // but not cancel; a cancel needs a reason; a pending message is not "resent".
  const Actor other{"co-b", Role::coordinator, "b"};
  EXPECT_THROW(outbox.of_patient(other, patient_), NotFoundError);
  EXPECT_THROW(outbox.cancel(other, id, "why"), NotFoundError);
  EXPECT_THROW(outbox.cancel({"lab-a", Role::lab, "a"}, id, "why"), ForbiddenError);
  EXPECT_THROW(outbox.cancel(coordinator, id, "  "), InputError);
  EXPECT_THROW(outbox.resend(coordinator, id, "why"), ConflictError);
  const auto cancelled = outbox.cancel(coordinator, id, "the patient asked by phone");
  EXPECT_EQ(cancelled.state, MessageState::cancelled);
  EXPECT_EQ(cancelled.cancelled_by, "co-a");
  EXPECT_THROW(outbox.cancel(coordinator, id, "again"), ConflictError);
  const auto resent = outbox.resend(coordinator, id, "the patient asked again");
  EXPECT_EQ(resent.state, MessageState::pending);
  EXPECT_EQ(resent.due_at, "2026-12-02T06:00:00.000Z");
  EXPECT_FALSE(resent.cancel_reason);
  // The resent message goes at the next pass, though its own day has not come.
  EXPECT_EQ(scheduler.pass(at("2026-12-02T06:01:00Z")).sent, 1);
  std::vector<std::string> actions;
  store_->read([&](store::Transaction& tx) {
    for (const auto& row : tx.audit_rows(0, 100000))
      if (row.actor == "co-a") actions.push_back(row.action + " " + row.detail);
  });
  const std::vector<std::string> expected = {"messages.read ", "message.cancel the patient asked by phone",
                                             "message.resend the patient asked again"};
  EXPECT_EQ(actions, expected);
}

TEST_F(SchedulerTest, ADeliveryReportFindsItsMessageByTheProvidersId) {
  Scheduler scheduler(*store_, channel_);
  scheduler.pass(at("2026-12-01T06:00:00Z"));
  EXPECT_EQ(scheduler.pass(at("2026-12-05T05:31:00Z")).sent, 1);
  const MessageRow sent = messages().front();
  ASSERT_EQ(sent.state, MessageState::sent);
  const Clock later = Clock::fixed(at("2026-12-05T05:32:00Z"));
  EXPECT_TRUE(record_delivery_report(*store_, later, {*sent.provider_id, true, "DELIVRD"}));
  EXPECT_FALSE(record_delivery_report(*store_, later, {"gw-nobody", true, "DELIVRD"}));
  store_->read([&](store::Transaction& tx) {
    const auto m = tx.find_message(sent.id);
    EXPECT_EQ(m->state, MessageState::delivered);
    EXPECT_EQ(m->delivered_at, "2026-12-05T05:32:00.000Z");
    const auto tries = tx.message_attempts(sent.id);
    ASSERT_EQ(tries.size(), 2U);
    EXPECT_EQ(tries[1].outcome, "delivered");
    EXPECT_EQ(tries[1].detail, "DELIVRD");
  });
}

}  // namespace
}  // namespace rp::service::messaging
