#pragma once
// Rendered records (an episode's timeline as JSON text, and its gzip form once asked for)
// kept while the store's data generation stays the same, so a record read again and again
// is not re-read, re-rendered or re-compressed each time. Only the rendering is kept: the caller still checks who may
// see the record and writes the read's audit row on every request.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/compressible_text.hpp"

namespace rp::service {

class RenderedCache {
 public:
  explicit RenderedCache(std::size_t capacity = 256) : capacity_(capacity) {}

  // The rendering of record `id` made at `generation` for `variant` (language, today...).
  std::shared_ptr<const CompressibleText> find(std::int64_t id, const std::string& variant, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(id);
    if (it == entries_.end() || it->second.generation != generation || it->second.variant != variant) return nullptr;
    return it->second.body;
  }

  // `generation` must be the one read before the record was read: a change committed in
  // between then leaves an entry that no later generation matches.
  void put(std::int64_t id, std::string variant, std::uint64_t generation,
           std::shared_ptr<const CompressibleText> shared) {
    std::lock_guard lock(mutex_);
    // Bounded memory without bookkeeping: when full, start again. Reads that repeat refill
    // it at once.
    if (entries_.size() >= capacity_ && !entries_.count(id)) entries_.clear();
    entries_[id] = {generation, std::move(variant), std::move(shared)};
  }

 private:
  struct Entry {
    std::uint64_t generation = 0;
    std::string variant;
    std::shared_ptr<const CompressibleText> body;
  };
  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Entry> entries_;
};

}  // namespace rp::service
