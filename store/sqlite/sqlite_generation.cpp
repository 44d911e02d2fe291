// The data generation of an SQLite store: caches of rendered records (an episode's
// timeline) stay valid while it stays the same. It moves after a commit that changed
// any row other than audit rows, derived rows and the exports' own, so the audit row every
// record read appends, the outcome rows a report refreshes from records already counted
// and the parts of an export being made do not empty the caches, and when another
// connection (the CLI, another process) committed.
#include <sqlite3.h>

#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

std::int64_t Connection::total_changes() { return static_cast<std::int64_t>(sqlite3_total_changes64(db_.getHandle())); }

std::int64_t Connection::record_changes() {
  // Counts rows of statements rolled back too: a cache emptied needlessly, never a stale one.
  return static_cast<std::int64_t>(sqlite3_total_changes64(db_.getHandle())) - audit_rows_appended -
         derived_rows_written;
}

void SqliteStore::note_other_connections() {
  auto& q = conn_.statement("PRAGMA data_version");
  const std::int64_t version = q.executeStep() ? q.getColumn(0).getInt64() : 0;
  q.reset();
  if (data_version_ != -1 && version != data_version_) generation_.fetch_add(1);
  data_version_ = version;
}

void SqliteStore::note_commit(std::int64_t record_changes_at_begin) {
  // After the commit, never before: a reader that saw the old generation must not pair it
  // with data it read after the change.
  if (conn_.record_changes() != record_changes_at_begin) generation_.fetch_add(1);
}

}  // namespace rp::store::sqlite
