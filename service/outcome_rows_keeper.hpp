#pragma once
// The outcome report's stored rows (store/outcome_rows.hpp) kept up to date as the clinic
// works: every answer, transition or event marks its joint, and a marked joint's row is
// computed again from its source rows inside a write, about a millisecond per joint at a
// million patients (several when its pages are not cached). Done all at once before a
// report, a minute of a busy clinic's marks held the writer, and every request's audit
// row behind it, for a tenth of a second and more; so the rows are stored a small batch per
// write, each sized to hold the writer about 5 ms, all day long in the background and
// again before each report for what is left. A report is exact either way: the snapshot
// read computes any joint still marked.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "store/store.hpp"

namespace rp::service {

// How many marked joints the next write stores, after a batch of `batch` took `took`: the
// batch halves after a write over 5 ms and doubles after one under half of that, between
// 1 and 1,024 joints.
std::size_t next_refresh_batch(std::size_t batch, std::chrono::nanoseconds took);

// The first batch of a pass: small, because a joint whose pages are not cached takes
// several milliseconds.
inline constexpr std::size_t kFirstRefreshBatch = 4;

// Stores marked joints a batch per write until none is left or `budget` has passed;
// `batch` is the first batch's size and comes back as the next one's. Returns the joints
// stored.
std::size_t refresh_marked_joints(store::Store& store, std::chrono::milliseconds budget, std::size_t& batch);

// Runs refresh_marked_joints every `interval` for at most `budget` (the writer's share:
// a tenth by default), on a thread of its own, on one server of a database at a time
// (Store::try_work_lock). stop() ends it; the destructor too.
class OutcomeRowsKeeper {
 public:
  explicit OutcomeRowsKeeper(store::Store& store) : store_(store) {}
  ~OutcomeRowsKeeper() { stop(); }
  OutcomeRowsKeeper(const OutcomeRowsKeeper&) = delete;
  OutcomeRowsKeeper& operator=(const OutcomeRowsKeeper&) = delete;

  void start(std::chrono::milliseconds interval = std::chrono::seconds(1),
             std::chrono::milliseconds budget = std::chrono::milliseconds(100));
  void stop();
  // Joints stored since start (for tests and the log).
  std::size_t stored() const;

 private:
  void run(std::chrono::milliseconds interval, std::chrono::milliseconds budget);

  store::Store& store_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::size_t stored_ = 0;
  std::thread thread_;
};

}  // namespace rp::service
