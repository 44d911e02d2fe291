#include "service/report_cache.hpp"

#include <algorithm>

namespace rp::service {

std::shared_ptr<const CompressibleText> ReportCache::find(const std::string& key, std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  it->second.last_used = ++clock_;
  return it->second.body;
}

void ReportCache::put(const std::string& key, std::uint64_t generation, std::shared_ptr<const CompressibleText> body) {
  const std::size_t size = body->text().size();
  std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(key); it != entries_.end()) erase(it);
  if (size > budget_) return;
  make_room(generation, size);
  entries_[key] = {generation, ++clock_, std::move(body)};
  bytes_ += size;
}

void ReportCache::erase(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.body->text().size();
  entries_.erase(it);
}

void ReportCache::make_room(std::uint64_t generation, std::size_t room) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto next = std::next(it);
    if (it->second.generation != generation) erase(it);
    it = next;
  }
  // A handful of entries (one per protocol and kind of reader): a linear search is enough.
  while (bytes_ + room > budget_ && !entries_.empty()) {
    const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.last_used < b.second.last_used;
    });
    erase(oldest);
  }
}

ReportCacheStats ReportCache::stats() const {
  std::lock_guard lock(mutex_);
  return {hits_, misses_, bytes_, entries_.size()};
}

}  // namespace rp::service
