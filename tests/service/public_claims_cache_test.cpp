// The public claims' cache (service/public_claims.hpp): the figures are found again for the
// data generation they were computed at, and for ten minutes after whatever changed, so
// that page views on a busy clinic do not each start a heavy read; then they are not.
#include <gtest/gtest.h>

#include "service/public_claims.hpp"

namespace rp::service {
namespace {

TEST(PublicClaimsCache, KeptForItsGenerationAndTenMinutesAfterAChange) {
  PublicClaimsCache cache;
  const auto figures = std::make_shared<PublicClaims>();
  const std::int64_t t0 = 1'000'000;
  EXPECT_EQ(cache.find("a", 1, t0), nullptr);
  cache.put("a", 1, t0, figures);
  EXPECT_EQ(cache.find("a", 1, t0 + PublicClaimsCache::kFreshMs * 5), figures) << "the data did not change";
  EXPECT_EQ(cache.find("a", 2, t0 + PublicClaimsCache::kFreshMs - 1), figures) << "changed, but fresh";
  EXPECT_EQ(cache.find("a", 2, t0 + PublicClaimsCache::kFreshMs), nullptr) << "changed and stale";
  EXPECT_EQ(cache.find("b", 1, t0), nullptr) << "another centre";
  const auto later = std::make_shared<PublicClaims>();
  cache.put("a", 2, t0 + PublicClaimsCache::kFreshMs, later);
  EXPECT_EQ(cache.find("a", 2, t0 + PublicClaimsCache::kFreshMs), later);
}

TEST(PublicClaimsCache, HoldsABoundedNumberOfEntries) {
  PublicClaimsCache cache;
  for (std::size_t i = 0; i <= PublicClaimsCache::kMaxEntries; ++i)
    cache.put("centre-" + std::to_string(i), 1, 0, std::make_shared<PublicClaims>());
  EXPECT_EQ(cache.find("centre-0", 1, 0), nullptr) << "the full cache started afresh";
  EXPECT_NE(cache.find("centre-" + std::to_string(PublicClaimsCache::kMaxEntries), 1, 0), nullptr);
}

}  // namespace
}  // namespace rp::service
