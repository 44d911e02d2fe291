#include "api/http/event_stream.hpp"

#include <utility>

namespace rp::api::http {

EventStream::~EventStream() {
  if (on_close_) on_close_();
}

void EventStream::send(std::string text) {
  {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    queued_ += text;
  }
  wake();
}

void EventStream::end() {
  {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    ended_ = true;
  }
  wake();
}

void EventStream::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void EventStream::wake() {
  std::function<void()> w;
  {
    std::lock_guard lock(mutex_);
    w = wake_;
  }
  if (w) w();
}

std::string EventStream::drain(bool& ended) {
  std::lock_guard lock(mutex_);
  ended = ended_;
  return std::exchange(queued_, std::string());
}

void EventStream::heartbeat() {
  if (check_) check_(*this);
  std::lock_guard lock(mutex_);
  if (!ended_) queued_ += ": heartbeat\n\n";
}

}  // namespace rp::api::http
