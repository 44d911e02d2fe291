#include "api/event_streams.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace rp::api {

std::string sse_event(const std::string& type, const std::string& json_data) {
  return "event: " + type + "\ndata: " + json_data + "\n\n";
}

EventStreams::EventStreams(service::RedFlagAlerts& alerts, service::Auth& auth, EventStreamLimits limits)
    : alerts_(alerts), auth_(auth), limits_(limits) {}

int EventStreams::open_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(open_.size());
}

http::Response EventStreams::open(const service::Principal& who) {
  const service::Actor& actor = who.actor;
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    int mine = 0;
    for (const auto& [key, e] : open_) mine += e.user == actor.user ? 1 : 0;
    if (mine >= limits_.per_account) {
      auto r = http::error_response(429, "too_many_streams", "too_many_streams_for_account"_err,
                                    {{"max", limits_.per_account}}, "events");
      r.headers.emplace_back("Retry-After", "30");
      return r;
    }
    if (static_cast<int>(open_.size()) >= limits_.overall) {
      auto r = http::error_response(503, "too_many_streams", "too_many_streams_on_server"_err,
                                    {{"max", limits_.overall}}, "events");
      r.headers.emplace_back("Retry-After", "60");
      return r;
    }
    id = next_++;
    open_[id] = {actor.user, who.token_hash, {}};
  }
  auto stream = std::make_shared<http::EventStream>(limits_.heartbeat);
  std::weak_ptr<http::EventStream> weak = stream;
  // Only this centre's alerts, and only ids and the count: no name, no number.
  const std::uint64_t subscription = alerts_.subscribe(actor.centre, [weak](const service::RedFlagAlert& a) {
    if (auto s = weak.lock()) {
      s->send(
          sse_event(a.type, nlohmann::json{{"id", a.flag_id}, {"episode_id", a.episode_id}, {"open", a.open}}.dump()));
    }
  });
  const std::string hash = who.token_hash;
  stream->set_check([this, hash](http::EventStream& s) {
    if (!auth_.session_alive(hash)) s.end();
  });
  stream->set_on_close([this, subscription, id] {
    alerts_.unsubscribe(subscription);
    closed(id);
  });
  {
    std::lock_guard lock(mutex_);
    open_[id].stream = stream;
  }
  // The reconnect delay, and a first event: the browser refetches the open flags on it,
  // so that nothing raised while it was away is missed.
  stream->send("retry: " + std::to_string(limits_.retry.count()) + "\n\n" + sse_event("ready", "{}"));
  http::Response r;
  r.content_type = "text/event-stream; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: pass events through at once
  r.stream = std::move(stream);
  return r;
}

void EventStreams::closed(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  open_.erase(id);
}

void EventStreams::end_session(const std::string& token_hash) {
  std::vector<std::shared_ptr<http::EventStream>> ending;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, e] : open_)
      if (e.token_hash == token_hash)
        if (auto s = e.stream.lock()) ending.push_back(std::move(s));
  }
  // Outside the lock: the last reference may go here, and closing takes the lock.
  for (auto& s : ending) s->end();
}

}  // namespace rp::api
