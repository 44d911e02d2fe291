#pragma once
// The outbox's scheduler (issue 18): one pass plans every episode's messages and sends
// those due through a channel, so that no message is sent twice and none is lost:
//
// 1. A message left `sending` for minutes (a crash between claim and result) becomes
//    `unknown`, for a person to check: it may have gone, so it is never resent.
// 2. Each episode on the pathway (on a scheduler's first pass; on later ones, those a
//    change marked: migration 0032), a page at a time: its plan (domain/messaging/plan.hpp)
//    is compared with its messages; planned ones missing are inserted (the dedupe key
//    makes a second insert a no-op), in the patient's language, by their route (a text
//    message to their mobile or an e-mail to their address: domain/messaging/route.hpp);
//    pending ones no longer planned are cancelled ("replanned", or "consent_withdrawn"
//    once the patient withdrew consent to contact, "no_address" once no address is left);
//    pending ones still planned whose patient now reads another language or is reached
//    another way are rewritten ("readdressed").
// 3. Due messages: one past its expiry is cancelled ("expired"); after a downtime, of
//    the stale ones (due more than a grace ago) about one item only the latest stays,
//    the others are cancelled ("superseded"); one whose episode left the pathway is
//    cancelled ("episode_closed").
// 4. Outside quiet hours, each due message under the patient's daily cap is claimed in
//    a transaction (pending -> sending), sent outside any transaction through the channel
//    that carries its route (text messages, e-mail), and its result
//    written in another (with the next message's claim): sent; failed, tried again
//    after an exponential backoff until the last try fails it; rejected, failed at once;
//    unknown, left for a person. A patient at the cap waits for the next local morning.
// One pass runs at a time (the server holds store/work_lock.hpp's lock while it runs).
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "channels/channel.hpp"
#include "domain/messaging/quiet_hours.hpp"
#include "store/store.hpp"

namespace rp::service::messaging {

struct SchedulerSettings {
  rp::messaging::SendingHours hours;
  int daily_cap = 3;                            // messages claimed per patient per local day
  std::int64_t stale_after_ms = 12 * 3600'000;  // due longer ago than this: stale
  // A message claimed this long ago and still `sending` was left by a crash (a send in
  // flight, of this server or a `messages run` beside it, ends well within it).
  std::int64_t stuck_after_ms = 5 * 60'000;
  int max_attempts = 5;                        // tries before a failing message is failed
  std::int64_t first_backoff_ms = 5 * 60'000;  // doubles with each failed try
  std::string portal_link;                     // {link}: where a patient answers questionnaires
  // Episodes planned per transaction: a page holds the store's one writer (about 0.3 ms an
  // episode), so every request that writes, an audited read among them, may wait a page.
  int episode_page = 100;
  // After each page of the first walk over every episode (minutes at a million patients),
  // the walk pauses as long as the page took: the requests' writes get the writer at least
  // half of the time.
  bool pause_between_pages = true;
  int send_batch = 500;  // due messages handled per pass
};

struct PassSummary {
  int inserted = 0;
  int readdressed = 0;  // pending messages rewritten for a new language or mobile
  int cancelled_replanned = 0, cancelled_consent = 0, cancelled_no_address = 0, cancelled_superseded = 0,
      cancelled_expired = 0, cancelled_closed = 0;
  int marked_unknown = 0;  // left `sending` by an earlier pass
  int claimed = 0, sent = 0, retrying = 0, failed = 0, unknown = 0;
  int deferred_by_cap = 0;
  bool quiet_hours = false;  // nothing was sent: the pass ran inside quiet hours
  int episodes = 0;
};

class Scheduler {
 public:
  // `text` carries the text messages and `email` the e-mails (app/ picks them: the SMS
  // gateway and SMTP, or the log where one is not configured, and says so). A message
  // row names its route ("sms", "email"), never the carrier, so that a pass of another
  // process with other carriers re-routes nothing.
  Scheduler(store::Store& store, channels::Channel& text, channels::Channel& email, SchedulerSettings settings = {});
  // One channel carrying both routes (the command line's log, tests).
  Scheduler(store::Store& store, channels::Channel& channel, SchedulerSettings settings = {})
      : Scheduler(store, channel, channel, std::move(settings)) {}
  PassSummary pass(std::int64_t now_ms);
  // Steps 1 and 2 only: the outbox planned as of now, nothing sent (the demo's data).
  PassSummary plan(std::int64_t now_ms);
  // Asks a pass running on another thread to stop after its current write: a server that
  // stops during the first walk (minutes at a million patients) stops at once. The walk
  // is done again in full by the next pass, of this scheduler or another's.
  void interrupt() { interrupted_ = true; }

 private:
  void recover_stuck(std::int64_t now_ms, PassSummary& s);
  using CentreCache = std::map<std::string, std::optional<Centre>>;
  void plan_all(std::int64_t now_ms, PassSummary& s);
  void plan_episode(store::Transaction& tx, const store::PathwayEpisodeRow& row, std::int64_t now_ms,
                    CentreCache& centres, PassSummary& s);
  void send_due(std::int64_t now_ms, PassSummary& s);
  void record_result(store::Transaction& tx, std::int64_t id, const channels::SendResult& result, std::int64_t now_ms,
                     PassSummary& s);

  store::Store& store_;
  channels::Channel& text_;
  channels::Channel& email_;
  SchedulerSettings settings_;
  bool planned_everything_ = false;  // the first plan walked every episode on the pathway
  std::atomic<bool> interrupted_{false};
};

// The group of a dedupe key ("episode:7:item:prom-2w:reminder-3:2026-12-09" ->
// "episode:7:item:prom-2w"): the messages about one item.
std::string message_group(const std::string& dedupe_key);
// The ISO text of an instant (2026-12-09T05:30:00.000Z).
std::string iso_of(std::int64_t utc_ms);

}  // namespace rp::service::messaging
