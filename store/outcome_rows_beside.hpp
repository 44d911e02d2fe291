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
  // Merges the rows left and waits for every one; then OutcomeRowsMerge::finish may run.
  void finish();

 private:
  struct Batch {
    std::vector<std::int64_t> episodes;
    std::vector<std::size_t> ends;  // each row's centre then facts end in `bytes`
    std::string bytes;
    void clear() {
      episodes.clear();
      ends.clear();
      bytes.clear();
    }
  };
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
