#include "service/heavy_reads.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace rp::service {

int default_heavy_reads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

void lower_this_threads_priority(int by) {
  // PRIO_PROCESS with a thread's id sets that thread's nice value alone on Linux.
  const auto tid = static_cast<id_t>(::gettid());
  errno = 0;
  const int now = ::getpriority(PRIO_PROCESS, tid);
  if (now == -1 && errno != 0) return;
  ::setpriority(PRIO_PROCESS, tid, std::min(19, now + by));
}

void release_freed_memory() { ::malloc_trim(0); }

HeavyReadsBusy::HeavyReadsBusy(int at_once, int retry_after_s)
    : InputError("server", "heavy_reads_busy"_err, {{"running", at_once}, {"seconds", retry_after_s}}),
      retry_after_s_(retry_after_s) {}

HeavyReads::Slot::~Slot() {
  if (owner_) owner_->leave();
}

HeavyReads::Slot HeavyReads::enter() {
  std::unique_lock lock(mutex_);
  // The wait a refused caller is told: about one read's turn, never under a second.
  const int retry_after_s = static_cast<int>(std::max<long long>(
      1, std::chrono::duration_cast<std::chrono::seconds>(limits_.wait).count() / (limits_.queue_per_slot + 1)));
  if (running_ < limits_.at_once && waiting_ == 0) {
    ++running_;
    return Slot(this);
  }
  if (waiting_ >= limits_.at_once * limits_.queue_per_slot) throw HeavyReadsBusy(limits_.at_once, retry_after_s);
  ++waiting_;
  const bool free = freed_.wait_for(lock, limits_.wait, [this] { return running_ < limits_.at_once; });
  --waiting_;
  if (!free) throw HeavyReadsBusy(limits_.at_once, retry_after_s);
  ++running_;
  return Slot(this);
}

HeavyReads::Counts HeavyReads::counts() {
  std::lock_guard lock(mutex_);
  return {running_, waiting_};
}

void HeavyReads::leave() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

}  // namespace rp::service
