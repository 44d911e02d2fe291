#pragma once
// Rendered outcome reports kept while the store's data generation stays the same, within a
// byte budget: an analyst's second look at an unchanged database costs no read and no
// computation. Any committed change moves the generation, after which no entry of the old
// one is found again (and the next put drops them). The caller still checks who may read
// and writes the read's audit row on every request: only the rendering is kept.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/compressible_text.hpp"

namespace rp::service {

struct ReportCacheStats {
  std::uint64_t hits = 0, misses = 0;
  std::size_t bytes = 0, entries = 0;
};

class ReportCache {
 public:
  // The budget counts each rendering's text (its gzip form, made on first demand, adds
  // about a tenth more).
  explicit ReportCache(std::size_t byte_budget) : budget_(byte_budget) {}

  // The rendering kept under `key` at `generation`, or null (counted as a miss).
  std::shared_ptr<const CompressibleText> find(const std::string& key, std::uint64_t generation);
  // `generation` must be the one read before the data was read: a change committed in
  // between then leaves an entry that no later generation matches. A rendering larger
  // than the whole budget is not kept.
  void put(const std::string& key, std::uint64_t generation, std::shared_ptr<const CompressibleText> body);
  ReportCacheStats stats() const;

 private:
  struct Entry {
    std::uint64_t generation = 0;
    std::uint64_t last_used = 0;
    std::shared_ptr<const CompressibleText> body;
  };
  // With mutex_ held: forgets entries of older generations, then the least recently used
  // until `room` more bytes fit.
  void make_room(std::uint64_t generation, std::size_t room);
  void erase(std::unordered_map<std::string, Entry>::iterator it);

  const std::size_t budget_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
  std::uint64_t clock_ = 0;  // a use counter: which entry was used least recently
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace rp::service
