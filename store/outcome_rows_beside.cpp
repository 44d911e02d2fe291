#include "store/outcome_rows_beside.hpp"

#include <utility>

namespace rp::store {

OutcomeRowsBeside::OutcomeRowsBeside(OutcomeRowsMerge& merge, std::size_t batch_bytes)
    : merge_(merge), batch_bytes_(batch_bytes) {
  merger_ = std::thread([this] { merge_batches(); });
}

OutcomeRowsBeside::~OutcomeRowsBeside() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
  merger_.join();
}

void OutcomeRowsBeside::stored(std::int64_t episode, std::string_view centre, std::string_view facts) {
  filling_.episodes.push_back(episode);
  filling_.bytes.append(centre);
  filling_.ends.push_back(filling_.bytes.size());
  filling_.bytes.append(facts);
  filling_.ends.push_back(filling_.bytes.size());
  if (filling_.bytes.size() >= batch_bytes_) hand_over();
}

void OutcomeRowsBeside::hand_over() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return full_.size() < kBatchesWaiting || error_; });
  if (error_) std::rethrow_exception(error_);
  full_.push_back(std::move(filling_));
  if (spare_.empty()) {
    filling_ = Batch{};
  } else {
    filling_ = std::move(spare_.back());
    spare_.pop_back();
  }
  lock.unlock();
  changed_.notify_all();
}

void OutcomeRowsBeside::finish() {
  if (!filling_.episodes.empty()) hand_over();
  std::unique_lock lock(mutex_);
  closing_ = true;
  changed_.notify_all();
  changed_.wait(lock, [this] { return (full_.empty() && !merging_) || error_; });
  if (error_) std::rethrow_exception(error_);
}

void OutcomeRowsBeside::merge_batches() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return !full_.empty() || closing_ || stopped_; });
    if (stopped_ || full_.empty()) return;
    Batch batch = std::move(full_.front());
    full_.erase(full_.begin());
    merging_ = true;
    lock.unlock();
    changed_.notify_all();  // room for the next batch
    try {
      std::size_t from = 0;
      for (std::size_t r = 0; r < batch.episodes.size(); ++r) {
        const std::size_t centre_end = batch.ends[2 * r], facts_end = batch.ends[2 * r + 1];
        const std::string_view bytes(batch.bytes);
        merge_.stored(batch.episodes[r], bytes.substr(from, centre_end - from),
                      bytes.substr(centre_end, facts_end - centre_end));
        from = facts_end;
      }
    } catch (...) {
      lock.lock();
      error_ = std::current_exception();
      merging_ = false;
      changed_.notify_all();
      return;
    }
    batch.clear();
    lock.lock();
    spare_.push_back(std::move(batch));
    merging_ = false;
    changed_.notify_all();
  }
}

}  // namespace rp::store
