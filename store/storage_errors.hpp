#pragma once
// A write the disk refused for want of space. Engines throw it in place of their own
// error (SQLite's SQLITE_FULL, or an I/O error whose cause is ENOSPC or EDQUOT), so that
// the API can answer 507 and the server can report itself degraded until space returns,
// without knowing which engine it runs on. The transaction it ended changed nothing.
#include <exception>
#include <stdexcept>
#include <string>

namespace rp::store {

class StorageFullError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `error` (which may be null) is a StorageFullError.
inline bool is_storage_full(const std::exception_ptr& error) {
  if (!error) return false;
  try {
    std::rethrow_exception(error);
  } catch (const StorageFullError&) {
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace rp::store
