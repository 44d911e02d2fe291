#include "service/messaging/scheduler_loop.hpp"

namespace rp::service::messaging {

std::optional<PassSummary> SchedulerLoop::pass_in_turn() {
  const auto turn = store_.try_work_lock("messages");
  if (!turn) return std::nullopt;
  return scheduler_.pass(clock_.now_ms());
}

void SchedulerLoop::start(std::chrono::seconds interval) {
  stopping_ = false;
  thread_ = std::thread([this, interval] {
    // The first pass one interval after the start: a server that starts and stops at
    // once (a check, a test) sends nothing.
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      try {
        pass_in_turn();
      } catch (const std::exception& e) {
        if (on_error_) on_error_(std::string("messages: the scheduler's pass failed: ") + e.what());
      }
      lock.lock();
    }
  });
}

void SchedulerLoop::stop() {
  scheduler_.interrupt();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rp::service::messaging
