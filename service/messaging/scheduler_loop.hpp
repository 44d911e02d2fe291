#pragma once
// The scheduler in the background of `serve`: a pass every interval from the start,
// each under the work lock "messages" (store/work_lock.hpp), so that of several servers
// sharing a database one sends and the others skip their turn. A pass that throws is
// told to on_error and tried again at the next turn.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/clock.hpp"
#include "service/messaging/scheduler.hpp"

namespace rp::service::messaging {

class SchedulerLoop {
 public:
  SchedulerLoop(store::Store& store, Clock clock, Scheduler& scheduler,
                std::function<void(const std::string&)> on_error = {})
      : store_(store), clock_(std::move(clock)), scheduler_(scheduler), on_error_(std::move(on_error)) {}
  ~SchedulerLoop() { stop(); }
  void start(std::chrono::seconds interval);
  void stop();
  // One pass now under the lock; nullopt when another server holds it.
  std::optional<PassSummary> pass_in_turn();

 private:
  store::Store& store_;
  Clock clock_;
  Scheduler& scheduler_;
  std::function<void(const std::string&)> on_error_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace rp::service::messaging
