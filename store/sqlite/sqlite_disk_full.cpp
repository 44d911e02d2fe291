// A full disk, told apart from other failures: SQLite reports it as SQLITE_FULL, or as an
// I/O error whose system cause is ENOSPC (no space) or EDQUOT (over quota). Either becomes
// a StorageFullError, which the API answers with 507 and the server's health reports.
#include <sqlite3.h>

#include <cerrno>

#include "store/sqlite/sqlite_store.hpp"
#include "store/storage_errors.hpp"

namespace rp::store::sqlite {

std::exception_ptr storage_error_or_same(std::exception_ptr error, SQLite::Database& db) {
  try {
    std::rethrow_exception(error);
  } catch (const SQLite::Exception& e) {
    const int primary = e.getErrorCode() & 0xff;
    // Read now: the next failing system call on this connection replaces it.
    const int cause = sqlite3_system_errno(db.getHandle());
    const bool no_space = cause == ENOSPC || cause == EDQUOT;
    if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && no_space))
      return std::make_exception_ptr(StorageFullError(std::string("disk full: ") + e.what()));
  } catch (...) {
  }
  return error;
}

void rollback_if_open(SQLite::Database& db) {
  if (sqlite3_get_autocommit(db.getHandle()) == 0) db.exec("ROLLBACK");
}

void SqliteStore::probe_write() {
  std::lock_guard lock(mutex_);
  auto& db = conn_.db();
  db.exec("BEGIN IMMEDIATE");
  try {
    // Setting the header's user_version to the value it has changes no record, yet
    // dirties a page, so the commit appends to the WAL and syncs like any write.
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    db.exec("PRAGMA user_version = " + std::to_string(version));
    db.exec("COMMIT");
  } catch (...) {
    const auto error = storage_error_or_same(std::current_exception(), db);
    rollback_if_open(db);
    std::rethrow_exception(error);
  }
}

}  // namespace rp::store::sqlite
