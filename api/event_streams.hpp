#pragma once
// The staff's live event streams (GET /api/v1/events): each one hears the red flags
// raised and acknowledged at its account's centre and nothing else. Streams are bounded
// per account and overall, because each holds a socket for as long as a page is open;
// beyond a bound the request gets a clear error. A stream ends when its session ends:
// at once on sign-out, and at the next heartbeat once the session expired, idled or its
// account was disabled.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/http/event_stream.hpp"
#include "api/http/message.hpp"
#include "service/auth.hpp"
#include "service/red_flag_alerts.hpp"

namespace rp::api {

struct EventStreamLimits {
  int per_account = 4;  // a few tabs or windows of one person
  int overall = 200;
  std::chrono::milliseconds heartbeat{15000};
  std::chrono::milliseconds retry{3000};  // the browser's reconnect delay (the `retry:` field)
};

class EventStreams {
 public:
  EventStreams(service::RedFlagAlerts& alerts, service::Auth& auth, EventStreamLimits limits);
  // The streaming response for a signed-in staff member, or the refusal beyond a bound
  // (429 for the account's bound, 503 for the server's).
  http::Response open(const service::Principal& who);
  // Ends the streams of a session (sign-out).
  void end_session(const std::string& token_hash);
  int open_count() const;

 private:
  struct Entry {
    std::string user, token_hash;
    std::weak_ptr<http::EventStream> stream;
  };
  void closed(std::uint64_t id);

  service::RedFlagAlerts& alerts_;
  service::Auth& auth_;
  const EventStreamLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Entry> open_;
  std::uint64_t next_ = 1;
};

// One event in the text/event-stream format.
std::string sse_event(const std::string& type, const std::string& json_data);

}  // namespace rp::api
