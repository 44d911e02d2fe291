#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "base/error.hpp"
#include "store/migrations.hpp"
#include "store/search_names.hpp"

namespace rp::store {

std::unique_ptr<Store> open_sqlite(const std::string& path, OpenMode mode) {
  return std::make_unique<sqlite::SqliteStore>(path, mode);
}

namespace sqlite {
namespace {

// SQLite counts every allocation it makes under a global mutex unless told not to; the
// counts are never read here. Set before SQLite first initialises (a later call is
// refused by SQLite and changes nothing), so before the first connection opens.
const std::string& configured_first(const std::string& path) {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  return path;
}

}  // namespace

// NOMUTEX: SQLite's own lock around every call (each bind, step and reset) is not needed,
// because the store's mutex_ already lets one thread at a time use the connection and its
// statements; those locks were a twentieth of a record read's instructions.
Connection::Connection(const std::string& path, bool create, bool read_only)
    : db_(configured_first(path),
          (read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0)) |
              SQLite::OPEN_NOMUTEX) {
  db_.setBusyTimeout(10000);
  if (read_only) return;
  db_.exec("PRAGMA foreign_keys = ON");
  db_.exec("PRAGMA journal_mode = WAL");
  // FULL: a commit is on disk before it returns, so an acknowledged write survives a crash
  // or power loss, not just a killed process.
  db_.exec("PRAGMA synchronous = FULL");
  // The statement journals and the temporary tables that note a transaction's changed
  // records (sqlite_record_content.cpp) in memory, not in temporary files: on a file, every
  // row a write inserts cost several pwrite calls into them, most of a bulk write's time in
  // the kernel. Snapshot readers (read_only) keep the default, so a large report's sort may
  // still spill to disk rather than grow the server's memory.
  db_.exec("PRAGMA temp_store = MEMORY");
}

SQLite::Statement& Connection::statement(const char* sql) {
  auto& slot = cache_[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(db_, sql);
  } else {
    // tryReset, not reset: after a failed step (a UNIQUE conflict reported as 409)
    // sqlite3_reset returns that step's error again, and reset() would throw it at the
    // next, unrelated use of the statement. The error was already reported once.
    slot->tryReset();
    slot->clearBindings();
  }
  return *slot;
}

namespace {

bool create_file(const std::string& path, OpenMode mode) {
  if (mode == OpenMode::existing_no_migrate) {
    if (!std::filesystem::exists(path)) throw NotFoundError("db", "no_database"_err, {{"path", path}});
    return false;
  }
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  return true;
}

// Whether the file holds no table yet besides schema_version: a new database, which
// `current_schema` creates rather than calling it out of date.
bool holds_no_tables(SQLite::Database& db) {
  return db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version'")
             .getInt() == 0;
}

// The responses whose typed score rows (0014_response_scores.sql) are not those of their
// scores_json, the record the audit log vouches for: the outcome figures read the rows, so
// a row changed behind regenpath's back must show somewhere. Zero before migration 0014.
int responses_whose_scores_disagree(SQLite::Database& db) {
  if (db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 'response_scores'").getInt() == 0) return 0;
  return db
      .execAndGet(
          "SELECT COUNT(DISTINCT id) FROM ("
          " SELECT r.id FROM questionnaire_responses r,"
          "  json_each(CASE WHEN json_valid(r.scores_json) THEN r.scores_json ELSE '{}' END, '$.scores') k"
          "  LEFT JOIN response_scores s ON s.response_id = r.id AND s.name = k.key"
          " WHERE s.response_id IS NULL OR NOT ("
          "  (k.type IN ('integer', 'real', 'true', 'false') AND s.value = k.value AND s.text IS NULL)"
          "  OR (k.type = 'text' AND s.text = k.value AND s.value IS NULL)"
          "  OR (k.type = 'null' AND s.value IS NULL AND s.text IS NULL))"
          " UNION ALL"
          " SELECT s.response_id FROM response_scores s JOIN questionnaire_responses r ON r.id = s.response_id"
          " WHERE NOT json_valid(r.scores_json)"
          "  OR json_type(r.scores_json, '$.scores.\"' || s.name || '\"') IS NULL)")
      .getInt();
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, OpenMode mode)
    : conn_(path, create_file(path, mode)), reader_path_(path == ":memory:" || path.empty() ? "" : path) {
  conn_.db().exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  const int have = schema_version();
  if (have > latest_schema_version()) {
    throw ConflictError("db", "schema_newer"_err,
                        {{"have", std::to_string(have)}, {"latest", std::to_string(latest_schema_version())}});
  }
  // Schema changes run only when asked (`regenpath db migrate`): starting a new binary
  // never changes the schema under a server still running the old one, and the operator
  // chooses the moment (after a backup).
  if ((mode == OpenMode::current_schema || mode == OpenMode::bulk_load) && have < latest_schema_version() &&
      (have > 0 || !holds_no_tables(conn_.db()))) {
    throw ConflictError("db", "schema_not_current"_err,
                        {{"db", path}, {"have", have}, {"latest", latest_schema_version()}});
  }
  if (mode == OpenMode::scratch || mode == OpenMode::bulk_load) conn_.db().exec("PRAGMA synchronous = OFF");
  if (mode == OpenMode::bulk_load) conn_.db().exec("PRAGMA cache_size = -262144");  // KiB: 256 MB
  if (mode != OpenMode::existing_no_migrate) {
    migrate();
  } else if (have == latest_schema_version()) {
    conn_.track_record_changes();
  }
}

int SqliteStore::schema_version() {
  std::lock_guard lock(mutex_);
  return conn_.db().execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
}

int SqliteStore::migrate_up_to(int version) {
  const int have = schema_version();
  int applied = 0;
  int reached = have;  // the version reached: numbers may leave gaps (0013 before 0010)
  std::lock_guard lock(mutex_);
  for (const Migration& m : migrations()) {
    if (m.version <= have) continue;
    if (m.version > version) break;
    // Each migration and its version row commit together, or not at all.
    SQLite::Transaction tx(conn_.db());
    conn_.db().exec(std::string(m.sql));
    if (m.version == kSearchNamesMigration) fill_search_names(conn_.db());
    SQLite::Statement ins(conn_.db(), "INSERT INTO schema_version (version, name) VALUES (?, ?)");
    ins.bind(1, m.version);
    ins.bind(2, std::string(m.name));
    ins.exec();
    tx.commit();
    ++applied;
    reached = m.version;
  }
  // Record changes are noted on a current schema only: the triggers name its tables.
  if (!conn_.tracking_changes() && reached >= latest_schema_version()) conn_.track_record_changes();
  return applied;
}

std::string SqliteStore::integrity_check() {
  std::lock_guard lock(mutex_);
  std::string out;
  SQLite::Statement q(conn_.db(), "PRAGMA integrity_check");
  while (q.executeStep()) out += (out.empty() ? "" : "; ") + q.getColumn(0).getString();
  SQLite::Statement fk(conn_.db(), "PRAGMA foreign_key_check");
  while (fk.executeStep()) out += "; foreign key violation in " + fk.getColumn(0).getString();
  const int disagree = responses_whose_scores_disagree(conn_.db());
  if (disagree > 0)
    out += "; " + std::to_string(disagree) + " responses whose response_scores disagree with scores_json";
  return out;
}

void SqliteStore::write(const std::function<void(Transaction&)>& fn) {
  // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on
  // a lock upgrade.
  in_transaction("BEGIN IMMEDIATE", fn);
}

void SqliteStore::read(const std::function<void(Transaction&)>& fn) { in_transaction("BEGIN", fn); }

void SqliteStore::in_transaction(const char* begin, const std::function<void(Transaction&)>& fn) {
  // Its own mutex is held: a nested transaction would wait for itself.
  if (RunningTransaction::of(this)) throw std::logic_error("a store transaction opened inside another");
  std::lock_guard lock(mutex_);
  conn_.db().exec(begin);
  try {
    note_other_connections();
    if (std::string_view(begin) != "BEGIN") conn_.forget_changed_records();  // a write
    const std::int64_t changes = conn_.record_changes();
    SqliteTransaction tx(conn_);
    {
      const RunningTransaction running(this, tx);
      fn(tx);
    }
    conn_.finish_statements();
    conn_.db().exec("COMMIT");
    note_commit(changes);
  } catch (...) {
    const auto error = storage_error_or_same(std::current_exception(), conn_.db());
    conn_.finish_statements();
    rollback_if_open(conn_.db());
    std::rethrow_exception(error);
  }
}

}  // namespace sqlite
}  // namespace rp::store
