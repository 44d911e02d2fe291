// A full disk, told apart from other failures: SQLite reports it as SQLITE_FULL, or as an
// I/O error whose system cause is ENOSPC (no space) or EDQUOT (over quota). Either becomes
// a StorageFullError, which the API answers with 507 and the server's health reports.
#include <sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>

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

namespace {

// The room a probe asks for: a WAL grows to about 4 MiB (1,000 pages, SQLite's automatic
// checkpoint) before it is written back and reused, so with less free the next writes
// may fail again, and the health would flap between ok and degraded.
constexpr std::uint64_t kFreeMargin = 4u << 20;

// Bytes this process may still write on the filesystem holding `path`; root may use the
// blocks reserved for it. Nothing when the filesystem does not say.
std::optional<std::uint64_t> free_bytes(const std::string& path) {
  struct statvfs fs {};
  if (::statvfs(path.c_str(), &fs) != 0) return std::nullopt;
  const auto blocks = ::geteuid() == 0 ? fs.f_bfree : fs.f_bavail;
  return static_cast<std::uint64_t>(blocks) * fs.f_frsize;
}

}  // namespace

void SqliteStore::probe_write() {
  std::lock_guard lock(mutex_);
  auto& db = conn_.db();
  if (const auto free = free_bytes(db.getFilename()); free && *free < kFreeMargin) {
    throw StorageFullError("disk full: " + std::to_string(*free) +
                           " bytes free where the database is, fewer than the " + std::to_string(kFreeMargin) +
                           " a probe asks for");
  }
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
