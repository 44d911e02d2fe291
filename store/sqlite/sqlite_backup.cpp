#include "store/sqlite/sqlite_backup.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "base/error.hpp"
#include "store/store.hpp"

namespace rp::store::sqlite {
namespace {

namespace fs = std::filesystem;

std::string integrity_of(SQLite::Database& db) {
  std::string out;
  SQLite::Statement q(db, "PRAGMA integrity_check");
  while (q.executeStep()) out += (out.empty() ? "" : "; ") + q.getColumn(0).getString();
  return out;
}

bool has_table(SQLite::Database& db, const char* name) {
  SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.executeStep();
}

int schema_of(SQLite::Database& db) {
  if (!has_table(db, "schema_version")) return 0;
  return db.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
}

bool holds_tables(SQLite::Database& db) {
  return db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").getInt() > 0;
}

// Every page of `from` into `to` in one step: one read snapshot of the source, so the copy
// is consistent however the source's writers go on. A lock held elsewhere (a checkpoint, a
// writer on the destination) is waited out.
std::int64_t copy_pages(SQLite::Database& from, SQLite::Database& to) {
  sqlite3_backup* b = sqlite3_backup_init(to.getHandle(), "main", from.getHandle(), "main");
  if (!b) throw SQLite::Exception(to.getHandle(), sqlite3_errcode(to.getHandle()));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 500; ++attempt) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::int64_t pages = sqlite3_backup_pagecount(b);
  sqlite3_backup_finish(b);  // returns the step's error again when it failed
  if (rc != SQLITE_DONE) throw SQLite::Exception(sqlite3_errstr(rc), rc);
  return pages;
}

void require_file(const std::string& path, const char* field) {
  if (!fs::exists(path)) throw NotFoundError(field, "no_database"_err, {{"path", path}});
}

}  // namespace

CopiedDatabase backup_database(const std::string& db, const std::string& out) {
  require_file(db, "db");
  // Renamed over the live file, the copy would leave a running server writing to a file
  // no longer there.
  if (fs::exists(out) && fs::equivalent(db, out)) throw InputError("out", "backup_onto_database"_err, {{"out", out}});
  const std::string partial = out + ".partial";
  fs::remove(partial);
  CopiedDatabase copied;
  try {
    SQLite::Database source(db, SQLite::OPEN_READWRITE);
    source.setBusyTimeout(10000);
    const auto parent = fs::path(out).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    SQLite::Database target(partial, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    copied.pages = copy_pages(source, target);
    copied.schema_version = schema_of(target);
    copied.integrity = integrity_of(target);
    // The copy keeps the source's WAL mode; its last connection closing here folds the
    // log into the file, so the renamed file is the whole backup.
  } catch (...) {
    fs::remove(partial);
    throw;
  }
  if (copied.integrity != "ok") {
    fs::remove(partial);
    throw std::runtime_error("the backup of " + db + " failed its integrity check: " + copied.integrity);
  }
  fs::rename(partial, out);
  return copied;
}

CopiedDatabase restore_database(const std::string& in, const std::string& db, bool replace) {
  require_file(in, "in");
  SQLite::Database source(in, SQLite::OPEN_READONLY);
  const std::string integrity = integrity_of(source);
  if (integrity != "ok") throw std::runtime_error("the backup " + in + " fails its integrity check: " + integrity);
  const int version = schema_of(source);
  if (version == 0) throw NotFoundError("in", "no_database"_err, {{"path", in}});
  if (version > latest_schema_version())
    throw ConflictError("in", "schema_newer"_err, {{"have", version}, {"latest", latest_schema_version()}});
  const auto parent = fs::path(db).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  SQLite::Database target(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  target.setBusyTimeout(10000);
  if (holds_tables(target) && !replace) throw ConflictError("db", "restore_target_not_empty"_err, {{"db", db}});
  CopiedDatabase copied;
  copied.pages = copy_pages(source, target);
  copied.schema_version = schema_of(target);
  copied.integrity = integrity_of(target);
  return copied;
}

}  // namespace rp::store::sqlite
