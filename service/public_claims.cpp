#include "service/public_claims.hpp"

#include <iterator>

namespace rp::service {

std::shared_ptr<const PublicClaims> PublicClaimsCache::find(const std::string& key, std::uint64_t generation) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return nullptr;
  return it->second.claims;
}

void PublicClaimsCache::put(const std::string& key, std::uint64_t generation,
                            std::shared_ptr<const PublicClaims> claims) {
  const std::lock_guard lock(mutex_);
  // Entries of an older generation are never found again.
  std::erase_if(entries_, [&](const auto& e) { return e.second.generation != generation; });
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = {generation, std::move(claims)};
}

}  // namespace rp::service
