#pragma once
// Threads of background work a server starts now and then (an export being made): each
// runs to its end on its own, at a lower CPU priority than the threads answering requests
// (nice 10), so that on a small server the users' requests come first; an ended one is
// joined at the next start, so that a server running for months keeps no thread of work
// long done; the rest are asked to stop and joined when this object goes (the server
// stopping).
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

namespace rp {

class BackgroundThreads {
 public:
  BackgroundThreads() = default;
  ~BackgroundThreads() {
    std::vector<Running> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (auto& r : threads) r.thread.request_stop();
    // jthreads join as they go.
  }
  BackgroundThreads(const BackgroundThreads&) = delete;
  BackgroundThreads& operator=(const BackgroundThreads&) = delete;

  // Runs `work` on a thread of its own; it should return soon once its token asks it to stop.
  void start(std::function<void(const std::stop_token&)> work) {
    std::lock_guard lock(mutex_);
    std::erase_if(threads_, [](const Running& r) { return r.ended->load(); });  // joined as erased
    auto ended = std::make_shared<std::atomic<bool>>(false);
    threads_.push_back({ended, std::jthread([ended, work = std::move(work)](const std::stop_token& stop) {
                          lower_priority();
                          work(stop);
                          ended->store(true);
                        })});
  }

 private:
  // Linux gives each thread its own nice value (setpriority on the thread's id); where it
  // cannot be lowered the work runs as it is.
  static void lower_priority() { (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice); }
  static constexpr int kBackgroundNice = 10;

  struct Running {
    std::shared_ptr<std::atomic<bool>> ended;
    std::jthread thread;
  };
  std::mutex mutex_;
  std::vector<Running> threads_;
};

}  // namespace rp
