#pragma once
// Backup and restore of an SQLite database through SQLite's online backup API
// (sqlite3_backup_*): a consistent copy of a live database, taken while a server goes on
// writing to it (in WAL mode the copy reads one snapshot and writers do not wait).
#include <cstdint>
#include <string>

namespace rp::store::sqlite {

struct CopiedDatabase {
  std::int64_t pages = 0;
  int schema_version = 0;
  std::string integrity;  // the copy's PRAGMA integrity_check: "ok"
};

// Copies the database `db` (which must exist) to `out`, replacing any file there: the copy
// is written beside it under a temporary name and renamed once complete and checked, so
// `out` never holds half a backup.
CopiedDatabase backup_database(const std::string& db, const std::string& out);

// Copies the backup `in` (a regenpath database this binary knows, whose integrity check
// passes) into `db`. Refuses (InputError "db", restore_target_not_empty) a `db` that
// already holds tables unless `replace`; a server must not be running on it.
CopiedDatabase restore_database(const std::string& in, const std::string& db, bool replace);

}  // namespace rp::store::sqlite
