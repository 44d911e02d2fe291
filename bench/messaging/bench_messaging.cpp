// The outbox's scheduler at scale (issue 18's bench):
//
//   bench_messaging [--patients N] [--db FILE] [--seed S]
//
// N patients (default 100,000) with their histories (bench/scale's generator), written to
// a fresh SQLite file (or FILE, kept and reused when it exists), every one consenting to
// contact. Then, at 09:30 in Tehran: the first pass (plans every episode on the pathway
// and sends what is due), a second pass with nothing changed (what the server runs every
// minute), and the peer: the plain SQL query selecting the rows due at that instant, as
// the scheduler's own due query does. Prints each time, the ratio, and the counts. The
// issue's goal: a pass under 1 s, within 2x of the plain query.
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
    const bool fresh = db.empty() || !std::filesystem::exists(db);
    if (db.empty()) db = (std::filesystem::temp_directory_path() / "rp-bench-messaging.db").string();
    if (fresh) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
      auto store = store::open_store(db, store::OpenMode::current_schema);
      bench::scale::add_centres_and_staff(*store, o);
      const auto start = Steady::now();
      bench::scale::add_patients(*store, o);
      std::printf("generated %lld patients in %.1f s\n", static_cast<long long>(o.patients), seconds_since(start));
      SQLite::Database(db, SQLite::OPEN_READWRITE).exec("UPDATE patients SET consent_contact = 1");
    }
    auto store = store::open_store(db, store::OpenMode::current_schema);
    const std::int64_t now = o.today.days_since_epoch() * 86'400'000LL + 6 * 3600'000LL;  // 09:30 in Tehran
    NullChannel channel;
    service::messaging::Scheduler scheduler(*store, channel);

    auto start = Steady::now();
    const auto first = scheduler.pass(now);
    const double first_s = seconds_since(start);
    start = Steady::now();
    const auto steady = scheduler.pass(now + 60'000);
    const double steady_s = seconds_since(start);

    // The re-plan alone (steps 1 and 2), nothing changed and nothing sent.
    start = Steady::now();
    scheduler.plan(now + 120'000);
    const double replan_s = seconds_since(start);

    // The peer: the due rows at that instant, by the same partial index, read to the end.
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    SQLite::Statement due(raw,
                          "SELECT id, patient_id, dedupe_key, due_at, body FROM messages WHERE state = 'pending' "
                          "AND due_at <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                          "ORDER BY due_at, id LIMIT 500");
    const std::string at = service::messaging::iso_of(now + 60'000);
    start = Steady::now();
    due.bind(1, at);
    due.bind(2, at);
    long rows = 0;
    while (due.executeStep()) ++rows;
    const double query_s = seconds_since(start);
    const long messages = raw.execAndGet("SELECT COUNT(*) FROM messages").getInt64();

    std::printf("episodes on the pathway %d, messages planned %d (outbox %ld), sent %ld\n", first.episodes,
                first.inserted, messages, channel.sent);
    std::printf("first pass (plans everything): %.3f s\n", first_s);
    std::printf("the re-plan alone, nothing changed: %.3f s (%.2f ms an episode)\n", replan_s,
                1000 * replan_s / std::max(first.episodes, 1));
    std::printf(
        "a pass with nothing changed: ours %.3f s (planned %d, sent %d), peer (the due query, %ld rows) "
        "%.4f s, ratio %.0fx; goal under 1 s and within 2x\n",
        steady_s, steady.inserted, steady.sent, rows, query_s, steady_s / std::max(query_s, 1e-6));
  } catch (const std::exception& e) {
    std::cerr << "bench_messaging: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
