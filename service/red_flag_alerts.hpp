#pragma once
// Red flags raised and acknowledged, told at once to whoever listens at the flag's
// centre: the staff's live event streams (GET /api/v1/events). In process only; an alert
// is published after its write has committed, so a listener never hears of a flag that
// could still roll back. A listener only queues the alert: it must not block, and it is
// called outside the hub's lock, so it may unsubscribe itself.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace rp::service {

struct RedFlagAlert {
  std::string type;  // red_flag.raised | red_flag.acknowledged
  std::string centre_id;
  std::int64_t flag_id = 0;
  std::int64_t episode_id = 0;
  std::int64_t open = 0;  // the centre's open (unacknowledged) red flags after the change
};

class RedFlagAlerts {
 public:
  using Listener = std::function<void(const RedFlagAlert&)>;
  // Alerts of one centre only: a centre never hears of another's patients.
  std::uint64_t subscribe(std::string centre_id, Listener listener);
  void unsubscribe(std::uint64_t id);
  void publish(const RedFlagAlert& alert);

 private:
  struct Subscription {
    std::string centre_id;
    Listener listener;
  };
  std::mutex mutex_;
  std::map<std::uint64_t, Subscription> subscriptions_;
  std::uint64_t next_ = 1;
};

}  // namespace rp::service
