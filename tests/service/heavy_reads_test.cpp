// The bound on heavy reads at once, and the byte-budgeted cache of rendered reports.
#include "service/heavy_reads.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <future>
#include <optional>
#include <thread>

namespace rp::service {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const CompressibleText> text(std::size_t bytes, char fill = 'x') {
  return std::make_shared<const CompressibleText>(std::string(bytes, fill));
}

TEST(ReportCache, KeepsARenderingForItsGenerationOnly) {
  ReportCache cache(1000);
  const auto body = text(100);
  cache.put("hip|analyst", 7, body);
  EXPECT_EQ(cache.find("hip|analyst", 7), body);
  EXPECT_EQ(cache.find("hip|analyst", 8), nullptr);  // anything committed since: not this one
  EXPECT_EQ(cache.find("hip|surgeon a", 7), nullptr);
  // A rendering of a newer generation drops those of older ones.
  cache.put("hip|surgeon a", 8, text(100));
  EXPECT_EQ(cache.find("hip|analyst", 7), nullptr);
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().bytes, 100u);
  EXPECT_EQ(cache.stats().hits, 1u);
}

TEST(ReportCache, StaysWithinItsBudgetForgettingTheLeastRecentlyUsed) {
  ReportCache cache(250);
  cache.put("a", 1, text(100));
  cache.put("b", 1, text(100));
  ASSERT_NE(cache.find("a", 1), nullptr);  // a used after b
  cache.put("c", 1, text(100));            // 300 bytes would not fit: b goes
  EXPECT_NE(cache.find("a", 1), nullptr);
  EXPECT_EQ(cache.find("b", 1), nullptr);
  EXPECT_NE(cache.find("c", 1), nullptr);
  EXPECT_LE(cache.stats().bytes, 250u);
  cache.put("huge", 1, text(251));  // larger than the whole budget: not kept, nothing lost
  EXPECT_EQ(cache.find("huge", 1), nullptr);
  EXPECT_NE(cache.find("a", 1), nullptr);
}

TEST(HeavyReads, OthersWaitInLineThenAreRefusedWithWhenToComeBack) {
  HeavyReads heavy({1, 1, 30s, 0});
  std::optional<HeavyReads::Slot> running(heavy.enter());
  // One waits in line (the line holds one per slot) ...
  auto waiting = std::async(std::launch::async, [&] {
    HeavyReads::Slot s = heavy.enter();
    return true;
  });
  while (heavy.counts().waiting < 1) std::this_thread::sleep_for(1ms);
  // ... so the next is refused at once, and told when to try again.
  try {
    (void)heavy.enter();
    ADD_FAILURE() << "a third heavy read was let in";
  } catch (const HeavyReadsBusy& e) {
    EXPECT_GE(e.retry_after_s(), 1);
    EXPECT_EQ(e.code(), "heavy_reads_busy");
  }
  EXPECT_EQ(heavy.counts().running, 1);
  running.reset();  // the slot is freed: the one waiting runs
  EXPECT_TRUE(waiting.get());
  EXPECT_EQ(heavy.counts().running, 0);
}

TEST(HeavyReads, AWaitThatRunsOutIsRefused) {
  HeavyReads heavy({1, 4, 20ms, 0});
  const HeavyReads::Slot running = heavy.enter();
  EXPECT_THROW((void)heavy.enter(), HeavyReadsBusy);
  EXPECT_EQ(heavy.counts().waiting, 0);
}

TEST(HeavyReads, AHoldRunsInsideReadsOnlyOnceSet) {
  HeavyReads heavy;
  HeavyReads::inside_read(nullptr);
  HeavyReads::inside_read(&heavy);
  int held = 0;
  heavy.hold_inside_reads([&] { ++held; });
  HeavyReads::inside_read(&heavy);
  EXPECT_EQ(held, 1);
}

int this_threads_nice() { return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())); }

TEST(HeavyReads, ASlotsWorkRunsBelowTheWorkersPriorityAndTheWorkerKeepsItsOwn) {
  HeavyReads heavy;
  const int worker = this_threads_nice();
  const auto worker_thread = std::this_thread::get_id();
  const HeavyReads::Slot slot = heavy.enter();
  struct Seen {
    int nice, started_nice;
    bool other_thread;
  };
  const Seen seen = slot.run([&] {
    // A thread the work starts (the report's sections beside each other) shares it.
    const int started = std::async(std::launch::async, this_threads_nice).get();
    return Seen{this_threads_nice(), started, std::this_thread::get_id() != worker_thread};
  });
  EXPECT_TRUE(seen.other_thread);
  EXPECT_EQ(seen.nice, std::min(19, worker + kHeavyReadNice));
  EXPECT_EQ(seen.started_nice, seen.nice);
  EXPECT_EQ(this_threads_nice(), worker);
}

TEST(HeavyReads, ASlotsWorkAnswersWhatItThrows) {
  HeavyReads heavy;
  const HeavyReads::Slot slot = heavy.enter();
  EXPECT_THROW(slot.run([]() -> int { throw InputError("centre", "centre_not_found"_err); }), InputError);
  EXPECT_EQ(heavy.counts().running, 1);  // the slot is still held until it goes
}

TEST(HeavyReads, WithoutAServerTheWorkRunsOnTheCallingThreadAsItIs) {
  const HeavyReads::Slot none = HeavyReads::enter(nullptr);
  const int nice = this_threads_nice();
  const auto here = std::this_thread::get_id();
  EXPECT_TRUE(none.run([&] { return std::this_thread::get_id() == here && this_threads_nice() == nice; }));
}

}  // namespace
}  // namespace rp::service
