#include "service/outcome_rows_keeper.hpp"

#include <algorithm>
#include <exception>
#include <optional>

#include <spdlog/spdlog.h>

namespace rp::service {
namespace {

constexpr std::size_t kFewestRefreshed = 1, kMostRefreshed = 1024;
constexpr auto kRefreshWrite = std::chrono::milliseconds(5);

}  // namespace

std::size_t next_refresh_batch(std::size_t batch, std::chrono::nanoseconds took) {
  if (took > kRefreshWrite) return std::max(kFewestRefreshed, batch / 2);
  if (took < kRefreshWrite / 2) return std::min(kMostRefreshed, batch * 2);
  return std::clamp(batch, kFewestRefreshed, kMostRefreshed);
}

std::size_t refresh_marked_joints(store::Store& store, std::chrono::milliseconds budget, std::size_t& batch) {
  using Steady = std::chrono::steady_clock;
  const auto began = Steady::now();
  std::size_t total = 0;
  while (Steady::now() - began < budget) {
    std::size_t marked = 0, refreshed = 0;
    // The batch's pages read first beside the writer (store.hpp read_marked_joints); with
    // no mark left, no write at all (the keeper's pass on a quiet clinic).
    store.snapshot([&](store::Transaction& tx) { marked = tx.read_marked_joints(batch); });
    if (marked == 0) break;
    const auto start = Steady::now();
    store.write([&](store::Transaction& tx) { refreshed = tx.refresh_outcome_rows_up_to(batch); });
    if (refreshed == 0) break;
    total += refreshed;
    batch = next_refresh_batch(batch, Steady::now() - start);
  }
  return total;
}

void OutcomeRowsKeeper::start(std::chrono::milliseconds interval, std::chrono::milliseconds budget) {
  stop();
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this, interval, budget] { run(interval, budget); });
}

void OutcomeRowsKeeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::size_t OutcomeRowsKeeper::stored() const {
  std::lock_guard lock(mutex_);
  return stored_;
}

void OutcomeRowsKeeper::run(std::chrono::milliseconds interval, std::chrono::milliseconds budget) {
  std::size_t batch = kFirstRefreshBatch;  // the size that last fitted, carried from pass to pass
  // Held from pass to pass (on PostgreSQL each try opens a connection): another server of
  // the same database asks again every kAskAgain passes, and takes over once this one has
  // stopped or died.
  constexpr int kAskAgain = 30;
  std::optional<store::WorkLock> turn;
  int passes = 0;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, interval, [this] { return stopping_; })) break;
    lock.unlock();
    std::size_t n = 0;
    try {
      if (!turn && passes++ % kAskAgain == 0) turn = store_.try_work_lock("outcome_rows");
      if (turn) n = refresh_marked_joints(store_, budget, batch);
    } catch (const std::exception& e) {
      // The next pass tries again (a disk full, a lost connection); reports stay exact.
      spdlog::warn("outcome rows: {}", e.what());
    }
    lock.lock();
    stored_ += n;
  }
}

}  // namespace rp::service
