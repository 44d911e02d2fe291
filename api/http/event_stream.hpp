#pragma once
// A response that stays open and sends Server-Sent Events (text/event-stream) as they
// happen: the staff's red-flag alerts. Plain data and a lock, no Beast types: the API
// makes it and queues events from any thread; the server (server.cpp) writes what is
// queued on the connection's own strand, holding no worker thread while it waits, and
// asks `check` at every heartbeat whether the stream may go on (the session still live).
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace rp::api::http {

class EventStream {
 public:
  explicit EventStream(std::chrono::milliseconds heartbeat) : heartbeat_(heartbeat) {}
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Any thread. `text` is whole events ("event: x\ndata: {...}\n\n").
  void send(std::string text);
  // Any thread: what is queued is still sent, then the connection closes.
  void end();

  // The owner's side: `check` runs at every heartbeat (on the connection's thread) and may
  // end() the stream; `on_close` runs once when the connection is gone.
  void set_check(std::function<void(EventStream&)> check) { check_ = std::move(check); }
  void set_on_close(std::function<void()> on_close) { on_close_ = std::move(on_close); }

  // The server's side. `wake` is called (from any thread, outside the lock) after
  // send() and end(); it must only hand the news to the connection's strand.
  void set_wake(std::function<void()> wake);
  // Everything queued since the last call, and whether the stream has ended.
  std::string drain(bool& ended);
  // A heartbeat is due: runs the check, and queues a comment that keeps proxies from
  // closing a quiet connection.
  void heartbeat();
  std::chrono::milliseconds heartbeat_interval() const { return heartbeat_; }

 private:
  void wake();

  const std::chrono::milliseconds heartbeat_;
  std::mutex mutex_;
  std::string queued_;
  bool ended_ = false;
  std::function<void()> wake_;
  std::function<void(EventStream&)> check_;
  std::function<void()> on_close_;
};

}  // namespace rp::api::http
