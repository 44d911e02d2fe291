#pragma once
// A centre's outcome claims as anyone may read them (the education pages embed them): each
// claim of the protocol with the centre's measured result as a registry reader sees it
// (patients who withdrew registry consent left out; a count of 1-4 patients hidden). No
// patient is named and no audit row is written: the figures are public aggregates. Kept
// per data generation, as the outcome reports are, and for kFreshMs after they were
// computed even when the data changed meanwhile: anyone may ask for them without signing
// in, and a busy clinic's writes must not let page views start a heavy read each.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/claims.hpp"
#include "domain/outcomes/report.hpp"

namespace rp::service {

struct PublicClaims {
  ClaimSet claims;                             // the protocol's (none: no claims file)
  std::vector<outcomes::ClaimResult> results;  // the centre's, in the claims' order
  std::vector<bool> hidden;                    // per result: the counts and estimates hidden
  std::string computed_at;                     // UTC: the data they rest on, as of then
};

class PublicClaimsCache {
 public:
  // At most this many renderings are kept (centres x protocols); the next put beyond it
  // starts afresh.
  static constexpr std::size_t kMaxEntries = 256;
  static constexpr std::int64_t kFreshMs = 10 * 60 * 1000;
  // The figures kept under `key` for `generation`, or computed less than kFreshMs before
  // `now_ms`; null otherwise.
  std::shared_ptr<const PublicClaims> find(const std::string& key, std::uint64_t generation, std::int64_t now_ms);
  void put(const std::string& key, std::uint64_t generation, std::int64_t now_ms,
           std::shared_ptr<const PublicClaims> claims);

 private:
  struct Entry {
    std::uint64_t generation = 0;
    std::int64_t computed_ms = 0;
    std::shared_ptr<const PublicClaims> claims;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace rp::service
