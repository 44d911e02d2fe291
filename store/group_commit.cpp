#include "store/group_commit.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "store/storage_errors.hpp"

namespace rp::store {
namespace {

// The store whose batch this thread is committing. A write called from inside one of its
// functions would queue behind itself for ever: it is refused instead (a use case owns
// one transaction and never opens another inside it).
thread_local const GroupCommitStore* leading_here = nullptr;

}  // namespace

GroupCommitStore::~GroupCommitStore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  committer_wake_.notify_all();
  if (committer_.joinable()) committer_.join();
}

void GroupCommitStore::write(const std::function<void(Transaction&)>& fn) {
  if (leading_here == this) throw std::logic_error("a store write opened inside another transaction");
  Pending mine{&fn, nullptr, false, {}, {}, {}, std::nullopt};
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leader_busy_) {
      mine.wake.wait(lock);
      continue;
    }
    // Lead one batch: everything queued so far (our own write among it unless an
    // earlier leader took it, in which case we lead for the others).
    lead_batch(lock);
  }
  lock.unlock();
  if (mine.error) std::rethrow_exception(mine.error);
}

void GroupCommitStore::write_then(std::function<void(Transaction&)> fn, std::function<void(std::exception_ptr)> then) {
  auto* p = new Pending{nullptr, nullptr, false, {}, std::move(fn), std::move(then), std::nullopt};
  p->fn = &p->owned_fn;
  queue_for_committer(p);
}

void GroupCommitStore::audit_then(AuditEntry entry, std::function<void(std::exception_ptr)> then) {
  queue_for_committer(new Pending{nullptr, nullptr, false, {}, {}, std::move(then), std::move(entry)});
}

void GroupCommitStore::queue_for_committer(Pending* p) {
  {
    std::lock_guard lock(mutex_);
    if (!committer_.joinable()) committer_ = std::thread([this] { committer_loop(); });
    queue_.push_back(p);
  }
  committer_wake_.notify_one();
}

void GroupCommitStore::committer_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    committer_wake_.wait(lock, [this] { return stopping_ || (!queue_.empty() && !leader_busy_); });
    if (queue_.empty() && stopping_) return;
    if (!queue_.empty() && !leader_busy_) lead_batch(lock);
  }
}

void GroupCommitStore::lead_batch(std::unique_lock<std::mutex>& lock) {
  leader_busy_ = true;
  // Every vector here is sized once for the batch: the committer runs this for each
  // batch of reads, and regrowing them showed in the read's profile.
  std::vector<Pending*> batch;
  batch.reserve(std::min(queue_.size(), max_batch_));
  while (!queue_.empty() && batch.size() < max_batch_) {
    batch.push_back(queue_.front());
    queue_.pop_front();
  }
  lock.unlock();
  // The audit_then rows become one function, placed where the first of them was queued;
  // its outcome is theirs.
  std::vector<AuditEntry> audits;
  audits.reserve(batch.size());
  std::size_t audits_at = 0;
  const std::function<void(Transaction&)> append_audits = [&audits](Transaction& tx) { tx.append_audits(audits); };
  std::vector<const std::function<void(Transaction&)>*> fns;
  std::vector<std::size_t> fn_of(batch.size());  // which function carried each write
  fns.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Pending* p = batch[i];
    if (p->audit) {
      if (audits.empty()) {
        audits_at = fns.size();
        fns.push_back(&append_audits);
      }
      audits.push_back(std::move(*p->audit));
      fn_of[i] = audits_at;
    } else {
      fn_of[i] = fns.size();
      fns.push_back(p->fn);
    }
  }
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::exception_ptr> fn_errors;
  leading_here = this;
  try {
    fn_errors = inner_.write_batch(fns);
  } catch (...) {
    fn_errors.assign(fns.size(), std::current_exception());
  }
  leading_here = nullptr;
  std::vector<std::exception_ptr> errors(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) errors[i] = fn_errors[fn_of[i]];
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  // While the disk is full, a batch that commits proves little: it may have fitted in
  // space a refused write had taken at the end of the WAL, while the next, larger write
  // fails again. A probe (free space and a write) decides whether the disk recovered.
  std::optional<std::exception_ptr> probe;
  if (disk_full_ && std::any_of(errors.begin(), errors.end(), [](const auto& e) { return !e; }) &&
      std::none_of(errors.begin(), errors.end(), is_storage_full))
    probe = probe_inner();
  // The write_then writes are told after the lock is released: `then` may take a while.
  std::vector<Pending*> told;
  told.reserve(batch.size());
  lock.lock();
  // Waiters are notified under the lock: once it sees done and the lock is free, a writer
  // returns and its Pending is gone.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i]->error = errors[i];
    if (errors[i]) ++stats_.failed_writes;
    if (batch[i]->then) {
      told.push_back(batch[i]);
    } else {
      batch[i]->done = true;
      batch[i]->wake.notify_one();
    }
  }
  note_storage(errors, probe);
  ++stats_.batches;
  stats_.writes += batch.size();
  stats_.commit_us_total += static_cast<std::uint64_t>(us);
  if (batch.size() > stats_.max_batch) stats_.max_batch = batch.size();
  leader_busy_ = false;
  // The next leader: a waiting writer, or the committer for write_then writes.
  if (!queue_.empty()) {
    if (queue_.front()->then) {
      committer_wake_.notify_one();
    } else {
      queue_.front()->wake.notify_one();
    }
  }
  if (told.empty()) return;
  lock.unlock();
  for (Pending* p : told) {
    try {
      p->then(p->error);
    } catch (...) {
      // `then` must not throw: it runs on the leader, which may be another request's
      // writer thread. Nothing of this write is lost; only its caller is not told.
    }
    delete p;
  }
  lock.lock();
}

GroupCommitStats GroupCommitStore::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitStore::note_storage_full(const std::exception_ptr& error) {
  if (!health_.disk_full) health_.since = std::chrono::steady_clock::now();
  health_.disk_full = true;
  disk_full_ = true;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    health_.detail = e.what();
  }
}

void GroupCommitStore::note_probe(const std::exception_ptr& error) {
  if (!error) {
    health_ = {};
    disk_full_ = false;
  } else if (is_storage_full(error)) {
    note_storage_full(error);
  }
}

void GroupCommitStore::note_storage(const std::vector<std::exception_ptr>& errors,
                                    const std::optional<std::exception_ptr>& probe) {
  bool full = false;
  for (const auto& e : errors) {
    if (!is_storage_full(e)) continue;
    ++stats_.disk_full_writes;
    if (!full) note_storage_full(e);
    full = true;
  }
  if (!full && probe) note_probe(*probe);
}

std::exception_ptr GroupCommitStore::probe_inner() {
  try {
    inner_.probe_write();
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

StorageHealth GroupCommitStore::storage_health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

void GroupCommitStore::probe_write() {
  const auto error = probe_inner();
  {
    std::lock_guard lock(mutex_);
    note_probe(error);
  }
  if (error) std::rethrow_exception(error);
}

StorageHealth GroupCommitStore::recheck_storage() {
  if (!disk_full_) return storage_health();
  try {
    probe_write();
  } catch (const StorageFullError&) {
    // Still full: the health says so.
  }
  return storage_health();
}

}  // namespace rp::store
