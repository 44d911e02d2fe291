#include "service/red_flag_alerts.hpp"

#include <vector>

namespace rp::service {

std::uint64_t RedFlagAlerts::subscribe(std::string centre_id, Listener listener) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_++;
  subscriptions_.emplace(id, Subscription{std::move(centre_id), std::move(listener)});
  return id;
}

void RedFlagAlerts::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  subscriptions_.erase(id);
}

void RedFlagAlerts::publish(const RedFlagAlert& alert) {
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, s] : subscriptions_)
      if (s.centre_id == alert.centre_id) listeners.push_back(s.listener);
  }
  for (const auto& l : listeners) l(alert);
}

}  // namespace rp::service
