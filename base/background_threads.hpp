#pragma once
// Threads of background work a server starts now and then (an export being made): each
// runs to its end on its own; an ended one is joined at the next start, so that a server
// running for months keeps no thread of work long done; the rest are asked to stop and
// joined when this object goes (the server stopping).
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
                          work(stop);
                          ended->store(true);
                        })});
  }

 private:
  struct Running {
    std::shared_ptr<std::atomic<bool>> ended;
    std::jthread thread;
  };
  std::mutex mutex_;
  std::vector<Running> threads_;
};

}  // namespace rp
