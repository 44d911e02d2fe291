// The outbox's scheduler at scale (issue 18's bench):
//
//   bench_messaging [--patients N] [--db FILE] [--seed S]
//
// N patients (default 100,000) with their histories (bench/scale's generator), written to
// a fresh SQLite file (or FILE, kept and reused when it exists), every one consenting to
// contact; the passes run on a copy of it. At 09:30 in Tehran: a server's first pass (plans
// every episode on the pathway and sends what is due) and the passes that catch up the
// morning; then, each beside the peer (the plain SQL query selecting the rows due at that
// instant, as the scheduler's own due query does): a pass with nothing changed (what the
// server runs every minute), the next morning's first pass (the day's messages), and a
// pass after 1 % of the patients changed; last, a restarted server's re-plan of every
// episode. The goal: a pass under 1 s, within 2x of the plain query.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "base/clock.hpp"
#include "bench/scale/scale_generate.hpp"
#include "channels/channel.hpp"
#include "service/messaging/scheduler.hpp"
#include "store/store.hpp"

namespace {

using Steady = std::chrono::steady_clock;
double seconds_since(Steady::time_point start) { return std::chrono::duration<double>(Steady::now() - start).count(); }

// Takes every message and does nothing with it: the bench times the scheduler, not a gateway.
class NullChannel final : public rp::channels::Channel {
 public:
  std::string name() const override { return "sms"; }
  rp::channels::SendResult send(const rp::channels::OutgoingMessage& m) override {
    ++sent;
    return {rp::channels::SendResult::Outcome::sent, "bench-" + m.idempotency_key, "accepted"};
  }
  long sent = 0;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace rp;
  bench::scale::GenerateOptions o;
  o.patients = 100'000;
  o.today = rp::Clock::system().today();
  o.password = "messagingbench2026";
  std::string db;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string arg = argv[a], value = argv[a + 1];
    if (arg == "--patients")
      o.patients = std::stoll(value);
    else if (arg == "--db")
      db = value;
    else if (arg == "--seed")
      o.seed = std::stoull(value);
    else {
      std::cerr << "usage: bench_messaging [--patients N] [--db FILE] [--seed S]\n";
      return 2;
    }
  }
  try {
    if (db.empty()) db = (std::filesystem::temp_directory_path() / "rp-bench-messaging.db").string();
    if (!std::filesystem::exists(db)) {
      for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(db + suffix);
      auto store = store::open_store(db, store::OpenMode::current_schema);
      bench::scale::add_centres_and_staff(*store, o);
      const auto start = Steady::now();
      bench::scale::add_patients(*store, o);
      std::printf("generated %lld patients in %.1f s\n", static_cast<long long>(o.patients), seconds_since(start));
      SQLite::Database(db, SQLite::OPEN_READWRITE).exec("UPDATE patients SET consent_contact = 1");
    }
    // The passes run on a copy: the generated clinic stays as made, for the next run.
    const std::string work = db + ".run";
    {
      SQLite::Database source(db, SQLite::OPEN_READONLY);
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(work + suffix);
      source.backup(work.c_str(), SQLite::Database::Save);
    }
    auto store = store::open_store(work, store::OpenMode::current_schema);
    SQLite::Database raw(work, SQLite::OPEN_READWRITE);
    const std::int64_t today = o.today.days_since_epoch() * 86'400'000LL + 6 * 3600'000LL;  // 09:30 in Tehran
    NullChannel channel;
    service::messaging::Scheduler scheduler(*store, channel);

    // A server's first pass: plans every episode on the pathway and sends what is due,
    // then the passes that catch up the rest of the morning's (500 a pass).
    auto start = Steady::now();
    const auto first = scheduler.pass(today);
    const double first_s = seconds_since(start);
    const long outbox = raw.execAndGet("SELECT COUNT(*) FROM messages").getInt64();
    std::printf("episodes on the pathway %d, messages planned %d (outbox %ld)\n", first.episodes, first.inserted,
                outbox);
    std::printf("a server's first pass (plans every episode, sends %d): %.3f s\n", first.sent, first_s);
    std::int64_t now = today;
    int catch_up = 0;
    for (auto s = first; s.claimed > 0; ++catch_up) s = scheduler.pass(now += 60'000);

    // The peer: the rows due at an instant, by the same partial index, read to the end.
    SQLite::Statement due(raw,
                          "SELECT id, patient_id, dedupe_key, due_at, body FROM messages WHERE state = 'pending' "
                          "AND due_at <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                          "ORDER BY due_at, id LIMIT 500");
    auto due_query = [&](std::int64_t at) {
      const std::string iso = service::messaging::iso_of(at);
      due.reset();
      due.bind(1, iso);
      due.bind(2, iso);
      const auto t = Steady::now();
      long rows = 0;
      while (due.executeStep()) ++rows;
      return std::make_pair(rows, seconds_since(t));
    };
    auto report = [](const char* what, double ours, const service::messaging::PassSummary& s,
                     std::pair<long, double> peer) {
      std::printf(
          "%s: ours %.4f s (episodes planned %d, sent %d), peer (the due query, %ld rows) %.4f s, ratio %.1fx\n", what,
          ours, s.episodes, s.sent, peer.first, peer.second, ours / std::max(peer.second, 1e-6));
    };
    std::printf("(then %d passes a minute apart sent the rest of the morning's)\n", catch_up);

    // What the server runs every minute: nothing changed, nothing due.
    auto peer = due_query(now += 60'000);
    start = Steady::now();
    const auto idle = scheduler.pass(now);
    report("a pass with nothing changed", seconds_since(start), idle, peer);

    // The next morning: the day's messages come due and go.
    now = today + 86'400'000LL;
    peer = due_query(now);
    start = Steady::now();
    const auto day = scheduler.pass(now);
    report("the next morning's first pass", seconds_since(start), day, peer);

    // Staff change 1 % of the patients (a mobile corrected): their episodes are planned again.
    raw.exec("UPDATE patients SET mobile = '+98912' || substr('0000000' || id, -7) WHERE id % 100 = 0");
    peer = due_query(now += 60'000);
    start = Steady::now();
    const auto changed = scheduler.pass(now);
    report("a pass after 1 % of the patients changed", seconds_since(start), changed, peer);

    // A restarted server plans every episode once, on its first pass.
    service::messaging::Scheduler restarted(*store, channel);
    start = Steady::now();
    const auto replan = restarted.plan(now += 60'000);
    const double replan_s = seconds_since(start);
    std::printf("a restarted server's re-plan of every episode, nothing changed: %.3f s (%.2f ms an episode)\n",
                replan_s, 1000 * replan_s / std::max(replan.episodes, 1));
    std::printf("goal: a pass under 1 s and within 2x of the due query\n");
  } catch (const std::exception& e) {
    std::cerr << "bench_messaging: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
