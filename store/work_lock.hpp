#pragma once
// Background work that one server at a time may do (audit anchoring), when several servers
// share one database: Store::try_work_lock grants it to one holder and refuses the others
// until that holder lets go. The lock ends when the WorkLock is destroyed.
#include <functional>
#include <utility>

namespace rp::store {

class WorkLock {
 public:
  // `release` runs once, when the lock ends; empty for an engine where the grant holds
  // nothing (SQLite: one process per database file).
  explicit WorkLock(std::function<void()> release = {}) : release_(std::move(release)) {}
  WorkLock(WorkLock&& other) noexcept : release_(std::exchange(other.release_, {})) {}
  WorkLock& operator=(WorkLock&& other) noexcept {
    if (this != &other) {
      end();
      release_ = std::exchange(other.release_, {});
    }
    return *this;
  }
  WorkLock(const WorkLock&) = delete;
  WorkLock& operator=(const WorkLock&) = delete;
  ~WorkLock() { end(); }

 private:
  void end() noexcept {
    if (!release_) return;
    try {
      std::exchange(release_, {})();
    } catch (...) {
      // A release that fails (a lost connection) has ended the lock all the same.
    }
  }
  std::function<void()> release_;
};

}  // namespace rp::store
