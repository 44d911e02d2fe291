#pragma once
// A Store whose writes from many threads are committed together: the first waiting
// writer becomes the leader, takes every queued write and commits them as one batch
// (Store::write_batch), while later writers queue for the next batch. Under load one
// fsync then acknowledges many requests; alone, a write costs what it did before.
// Each write still returns only after its own batch is durably committed.
// write_then() queues a write without a waiting thread: a committer thread, started on
// first use, leads the batches nobody waits in, and calls `then` after the commit.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "store/store.hpp"

namespace rp::store {

struct GroupCommitStats {
  std::uint64_t batches = 0, writes = 0, failed_writes = 0;
  std::uint64_t commit_us_total = 0;  // time spent inside write_batch
  std::uint64_t max_batch = 0;
};

class GroupCommitStore final : public Store {
 public:
  // `max_batch` bounds one commit so that a huge queue does not delay the first writer.
  explicit GroupCommitStore(Store& inner, std::size_t max_batch = 256) : inner_(inner), max_batch_(max_batch) {}
  ~GroupCommitStore() override;

  void write(const std::function<void(Transaction&)>& fn) override;
  void write_then(std::function<void(Transaction&)> fn, std::function<void(std::exception_ptr)> then) override;
  void audit_then(AuditEntry entry, std::function<void(std::exception_ptr)> then) override;
  void read(const std::function<void(Transaction&)>& fn) override { inner_.read(fn); }
  std::optional<std::uint64_t> data_generation() override { return inner_.data_generation(); }
  int schema_version() override { return inner_.schema_version(); }
  int migrate() override { return inner_.migrate(); }
  std::string integrity_check() override { return inner_.integrity_check(); }

  GroupCommitStats stats() const;

 private:
  // One queued write. A waiting writer has its own condition variable so that a commit
  // wakes only the writers it acknowledged and the next leader, not every queued thread
  // (with 64 handler threads, waking them all cost more than the commit). A write_then
  // write has no waiter: it owns its function and is told through `then`.
  struct Pending {
    const std::function<void(Transaction&)>* fn;
    std::exception_ptr error;
    bool done = false;
    std::condition_variable wake;
    std::function<void(Transaction&)> owned_fn;
    std::function<void(std::exception_ptr)> then;
    // An audit_then row (fn is null): appended with the batch's other rows in one step.
    std::optional<AuditEntry> audit;
  };

  // Starts the committer if need be and queues a write nobody waits for.
  void queue_for_committer(Pending* p);
  // Commits everything queued (up to max_batch_); called and returns with `lock` held.
  void lead_batch(std::unique_lock<std::mutex>& lock);
  void committer_loop();

  Store& inner_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::deque<Pending*> queue_;
  bool leader_busy_ = false;
  GroupCommitStats stats_;
  std::thread committer_;
  std::condition_variable committer_wake_;
  bool stopping_ = false;
};

}  // namespace rp::store
