#pragma once
// Which centre each episode belongs to, remembered once read. An episode never changes
// centre (migration 0005 refuses it), so an entry never goes stale: the timeline read
// checks who may see an episode from here, and its audit row is the only thing it
// writes, instead of also querying the episode inside the group commit.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace rp::service {

class EpisodeCentres {
 public:
  explicit EpisodeCentres(std::size_t capacity = 100000) : capacity_(capacity) {}

  std::optional<std::string> find(std::int64_t episode_id) const {
    std::lock_guard lock(mutex_);
    const auto it = centres_.find(episode_id);
    if (it == centres_.end()) return std::nullopt;
    return it->second;
  }

  void remember(std::int64_t episode_id, const std::string& centre_id) {
    std::lock_guard lock(mutex_);
    // Bounded without bookkeeping: a few megabytes at most, refilled by the next reads.
    if (centres_.size() >= capacity_) centres_.clear();
    centres_.emplace(episode_id, centre_id);
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::string> centres_;
};

}  // namespace rp::service
