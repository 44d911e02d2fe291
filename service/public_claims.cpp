#include "service/public_claims.hpp"

namespace rp::service {

std::shared_ptr<const PublicClaims> PublicClaimsCache::find(const std::string& key, std::uint64_t generation,
                                                            std::int64_t now_ms) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  const bool fresh = now_ms - it->second.computed_ms < kFreshMs;
  if (it->second.generation != generation && !fresh) return nullptr;
  return it->second.claims;
}

void PublicClaimsCache::put(const std::string& key, std::uint64_t generation, std::int64_t now_ms,
                            std::shared_ptr<const PublicClaims> claims) {
  const std::lock_guard lock(mutex_);
  // One entry per centre and protocol at most (the key names the day too: a new day
  // replaces nothing but falls out once the cache is full).
  if (entries_.size() >= kMaxEntries && !entries_.contains(key)) entries_.clear();
  entries_[key] = {generation, now_ms, std::move(claims)};
}

}  // namespace rp::service
