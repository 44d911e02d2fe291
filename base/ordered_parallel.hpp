#pragma once
// Work handed out to several threads and its results taken back in the order it was
// given: an export whose resources are made on every core (making JSON is most of its
// cost, reading the store little) and written in the order the patients were read, so
// that the files are the same byte for byte whatever the number of threads.
//
// At most `in_flight` pieces wait or run at once: the one giving work waits for the
// oldest when there are more, so memory holds a few pieces whatever the export's size.
// A piece's exception reaches the one taking its result; work not yet taken when this
// object goes is dropped (the export failed or was stopped).
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace rp {

template <class Result>
class OrderedParallel {
 public:
  // `threads` 0: one per core. `take` is called on the giving thread, in order.
  OrderedParallel(unsigned threads, std::size_t in_flight, std::function<void(Result&&)> take)
      : in_flight_(std::max<std::size_t>(in_flight, 1)), take_(std::move(take)) {
    if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
  ~OrderedParallel() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    // jthreads join as they go; tasks never run leave their futures broken, unread.
  }
  OrderedParallel(const OrderedParallel&) = delete;
  OrderedParallel& operator=(const OrderedParallel&) = delete;

  template <class Work>
  void submit(Work&& work) {
    std::packaged_task<Result()> task(std::forward<Work>(work));
    pending_.push_back(task.get_future());
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    while (pending_.size() > in_flight_) take_oldest();
  }

  // Every result still pending, in order.
  void finish() {
    while (!pending_.empty()) take_oldest();
  }

 private:
  void take_oldest() {
    std::future<Result> oldest = std::move(pending_.front());
    pending_.pop_front();
    take_(oldest.get());
  }

  void work(const std::stop_token& stop) {
    for (;;) {
      std::packaged_task<Result()> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || stop.stop_requested() || !queue_.empty(); });
        if (stopping_ || stop.stop_requested()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::size_t in_flight_;
  std::function<void(Result&&)> take_;
  std::deque<std::future<Result>> pending_;  // the giving thread's alone
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<Result()>> queue_;
  bool stopping_ = false;
  std::vector<std::jthread> workers_;  // last: joined first, before the queue goes
};

}  // namespace rp
