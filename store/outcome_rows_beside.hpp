#pragma once
// The outcome report's read in two halves on two threads: the engine's adapter reads the
// stored rows (a SQLite step, a PostgreSQL COPY message) and copies each into a batch, and
// a thread of this class merges the batches into the columns (OutcomeRowsMerge) while the
// next rows are read. Each half took about half of the read's CPU at a million joints
// (bench/registry), so the read now takes about as long as the longer half.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/outcome_rows.hpp"

namespace rp::store {

// Stored rows as they are handed to the merge: their episodes, and each row's centre then
// facts end in `bytes`.
struct OutcomeRowBatch {
  std::vector<std::int64_t> episodes;
  std::vector<std::size_t> ends;
  std::string bytes;
  void add(std::int64_t episode, std::string_view centre, std::string_view facts);
  void clear() {
    episodes.clear();
    ends.clear();
    bytes.clear();
  }
};

// Rows read before their turn to be merged (the later half of a read split in two, read
// on a second connection while the first half is merged), kept in batches of
// OutcomeRowsBeside's size so that they are handed over without another copy.
class HeldOutcomeRows {
 public:
  explicit HeldOutcomeRows(std::size_t batch_bytes);
  void stored(std::int64_t episode, std::string_view centre, std::string_view facts);
  std::size_t rows() const { return rows_; }

 private:
  friend class OutcomeRowsBeside;
  std::size_t batch_bytes_, rows_ = 0;
  std::vector<OutcomeRowBatch> batches_;
};

class OutcomeRowsBeside {
 public:
  // Rows are handed over in batches of about this many bytes (a few thousand joints), and
  // at most kBatchesWaiting wait: the copies stay a few megabytes whatever the registry's size.
  static constexpr std::size_t kBatchBytes = 1u << 20;
  static constexpr std::size_t kBatchesWaiting = 4;

  explicit OutcomeRowsBeside(OutcomeRowsMerge& merge, std::size_t batch_bytes = kBatchBytes);
  // Stops the merge (a read that threw leaves its columns half made, as before) and waits.
  ~OutcomeRowsBeside();
  OutcomeRowsBeside(const OutcomeRowsBeside&) = delete;
  OutcomeRowsBeside& operator=(const OutcomeRowsBeside&) = delete;

  // A stored row, in episode order, as OutcomeRowsMerge::stored takes it; copied, so the
  // engine's buffer may be reused at once. Throws what the merge threw, if it did.
  void stored(std::int64_t episode, std::string_view centre, std::string_view facts);
  // Rows held until now, after every row stored before (their episodes follow those).
  void stored(HeldOutcomeRows&& held);
  std::size_t batch_bytes() const { return batch_bytes_; }
  // Merges the rows left and waits for every one; then OutcomeRowsMerge::finish may run.
  void finish();

 private:
  using Batch = OutcomeRowBatch;
  void hand_over();
  void merge_batches();

  OutcomeRowsMerge& merge_;
  const std::size_t batch_bytes_;
  Batch filling_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Batch> full_, spare_;  // full_: handed over, oldest first
  bool closing_ = false, stopped_ = false, merging_ = false;
  std::exception_ptr error_;
  std::thread merger_;
};

}  // namespace rp::store
