#pragma once
// Heavy reads: the outcome report (with the cross-centre comparison), the registry's
// summary and its de-identified exports. Each reads a snapshot on a connection of its own
// (store::Store::snapshot) so that the clinic's writes and record reads go on meanwhile,
// and runs on a worker thread of the server like every blocking handler. This bounds how
// many run at once (one per core by default: each is CPU-bound once its rows are read),
// so that they never take every worker nor every core: the others wait in line up to
// `wait`, at most `queue_per_slot` per slot, and beyond either are refused with
// HeavyReadsBusy (HTTP 503 with Retry-After), which a client may simply send again.
// It also keeps the outcome reports rendered per data generation (service/report_cache.hpp).
// A slot's work runs below the light requests' CPU priority (Slot::run), so that on two
// cores a report takes what the clinic's timelines and searches leave, not half of it.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>

#include "base/error.hpp"
#include "service/public_claims.hpp"
#include "service/report_cache.hpp"

namespace rp::service {

// One per core (at least one).
int default_heavy_reads();

struct HeavyReadLimits {
  int at_once = default_heavy_reads();
  int queue_per_slot = 4;
  std::chrono::milliseconds wait{15000};  // below the server's request deadline (30 s)
  std::size_t report_cache_bytes = 64u << 20;
};

// How far a heavy read's thread lowers its CPU priority (its nice value, raised by this):
// a thread at +10 weighs about a tenth of one at 0 on Linux's scheduler, so it still
// runs on a busy machine, only after the requests a user waits on.
inline constexpr int kHeavyReadNice = 10;

// Lowers the calling thread's CPU priority by `by` (Linux keeps a nice value per thread,
// and the threads it starts inherit it). An unprivileged thread can never raise it back,
// so only a thread made for the purpose calls this. Best effort: a refusal changes nothing.
void lower_this_threads_priority(int by);

// Gives the memory freed in the process back to the system (glibc keeps what its arenas
// freed for reuse, and a heavy read frees hundreds of megabytes at once: without this the
// server's resident memory stays at a report's peak until the next one).
void release_freed_memory();

// Every slot stayed busy: try again after retry_after_s seconds.
class HeavyReadsBusy : public InputError {
 public:
  HeavyReadsBusy(int at_once, int retry_after_s);
  int retry_after_s() const { return retry_after_s_; }

 private:
  int retry_after_s_;
};

class HeavyReads {
 public:
  explicit HeavyReads(HeavyReadLimits limits = {}) : limits_(limits), reports_(limits.report_cache_bytes) {}
  HeavyReads(const HeavyReads&) = delete;
  HeavyReads& operator=(const HeavyReads&) = delete;

  // A running heavy read; its slot is freed when it goes. A Slot of no HeavyReads (null)
  // bounds nothing: the command line runs one read at a time anyway.
  class Slot {
   public:
    explicit Slot(HeavyReads* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot();

    // Runs `work` and answers what it answers (or throws what it throws). In a server's
    // slot it runs on a thread of its own at a lower CPU priority (kHeavyReadNice), which
    // the threads it starts share, while the worker that asked waits; with no HeavyReads
    // (the command line) on the calling thread, as before.
    template <class Work>
    auto run(Work&& work) const -> decltype(work()) {
      if (!owner_) return work();
      return std::async(std::launch::async,
                        [&work] {
                          lower_this_threads_priority(kHeavyReadNice);
                          struct ReleaseAfter {
                            ~ReleaseAfter() { release_freed_memory(); }
                          } release;
                          return work();
                        })
          .get();
    }

   private:
    HeavyReads* owner_;
  };
  // Waits in line for a slot; HeavyReadsBusy when the line is full or the wait runs out.
  Slot enter();
  // enter() on `heavy`, or an empty Slot when there is none.
  static Slot enter(HeavyReads* heavy) { return heavy ? heavy->enter() : Slot(nullptr); }

  ReportCache& reports() { return reports_; }
  PublicClaimsCache& public_claims() { return public_claims_; }
  // How many run now, and how many wait in line.
  struct Counts {
    int running = 0, waiting = 0;
  };
  Counts counts();

  // For tests only: `hold` runs inside every heavy read's snapshot, after its first read,
  // so that a test can keep a snapshot open for as long as it likes and check what else
  // goes on meanwhile. Unset (the default) nothing happens there. Set before serving.
  void hold_inside_reads(std::function<void()> hold) { hold_ = std::move(hold); }
  // Called by each heavy read inside its snapshot.
  static void inside_read(const HeavyReads* heavy) {
    if (heavy && heavy->hold_) heavy->hold_();
  }

 private:
  void leave();

  const HeavyReadLimits limits_;
  ReportCache reports_;
  PublicClaimsCache public_claims_;
  std::function<void()> hold_;
  std::mutex mutex_;
  std::condition_variable freed_;
  int running_ = 0, waiting_ = 0;
};

}  // namespace rp::service
