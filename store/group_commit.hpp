#pragma once
// A Store whose writes from many threads are committed together: the first waiting
// writer becomes the leader, takes every queued write and commits them as one batch
// (Store::write_batch), while later writers queue for the next batch. Under load one
// fsync then acknowledges many requests; alone, a write costs what it did before.
// Each write still returns only after its own batch is durably committed.
// write_then() queues a write without a waiting thread: a committer thread, started on
// first use, leads the batches nobody waits in, and calls `then` after the commit.
#include <atomic>
#include <chrono>
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
  std::uint64_t disk_full_writes = 0;  // writes refused because the disk was full
};

// Whether the disk takes writes: degraded from a write refused for want of space until a
// probe (Store::probe_write) succeeds, taken after each batch that commits meanwhile and
// at each health check. The state /healthz reports.
struct StorageHealth {
  bool disk_full = false;
  std::chrono::steady_clock::time_point since;  // when the disk was first found full
  std::string detail;                           // the engine's last message about it
};

class GroupCommitStore final : public Store {
 public:
  using Store::read;  // the scoped forms (CentreScope): each write's scope rides in its batch
  using Store::snapshot;
  using Store::write;
  using Store::write_then;
  // `max_batch` bounds one commit so that a huge queue does not delay the first writer.
  explicit GroupCommitStore(Store& inner, std::size_t max_batch = 256) : inner_(inner), max_batch_(max_batch) {}
  ~GroupCommitStore() override;

  void write(const std::function<void(Transaction&)>& fn) override;
  void write_then(std::function<void(Transaction&)> fn, std::function<void(std::exception_ptr)> then) override;
  void audit_then(AuditEntry entry, std::function<void(std::exception_ptr)> then) override;
  void read(const std::function<void(Transaction&)>& fn) override { inner_.read(fn); }
  // Snapshots bypass the batches altogether: they write nothing.
  void snapshot(const std::function<void(Transaction&)>& fn) override { inner_.snapshot(fn); }
  std::optional<std::uint64_t> data_generation() override { return inner_.data_generation(); }
  int schema_version() override { return inner_.schema_version(); }
  int migrate() override { return inner_.migrate(); }
  std::string integrity_check() override { return inner_.integrity_check(); }
  // The inner store's lock: on PostgreSQL an advisory lock that other servers see (the
  // default here would grant every caller its turn).
  std::optional<WorkLock> try_work_lock(std::string_view name) override { return inner_.try_work_lock(name); }
  // Probes the inner store and records the outcome in storage_health().
  void probe_write() override;

  GroupCommitStats stats() const;
  StorageHealth storage_health() const;
  // While the disk is full: probes whether it takes writes again, so that the health
  // recovers by itself even when nothing writes (a load balancer that stopped sending
  // traffic to a degraded server). Otherwise the health as it is, without writing.
  // Throws what the probe threw, unless the disk is merely still full.
  StorageHealth recheck_storage();

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
  // With mutex_ held. After a batch: a write refused for want of space degrades the
  // health; otherwise the probe taken after it, if any, may restore it.
  void note_storage(const std::vector<std::exception_ptr>& errors, const std::optional<std::exception_ptr>& probe);
  void note_storage_full(const std::exception_ptr& error);
  // A probe's outcome (null: the disk takes writes).
  void note_probe(const std::exception_ptr& error);
  // inner_.probe_write(), its exception returned rather than thrown.
  std::exception_ptr probe_inner();

  Store& inner_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::deque<Pending*> queue_;
  bool leader_busy_ = false;
  GroupCommitStats stats_;
  StorageHealth health_;
  std::atomic<bool> disk_full_{false};  // health_.disk_full, readable without mutex_ on every batch
  std::thread committer_;
  std::condition_variable committer_wake_;
  bool stopping_ = false;
};

}  // namespace rp::store
