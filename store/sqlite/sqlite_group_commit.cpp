// Group commit on SQLite: many writers' transactions in one commit, each isolated by a
// savepoint so that one failing request rolls back only its own rows.
#include "store/sqlite/sqlite_store.hpp"
#include "store/storage_errors.hpp"

namespace rp::store::sqlite {

std::vector<std::exception_ptr> SqliteStore::write_batch(
    const std::vector<const std::function<void(Transaction&)>*>& fns) {
  std::vector<std::exception_ptr> out(fns.size());
  std::lock_guard lock(mutex_);
  auto& db = conn_.db();
  db.exec("BEGIN IMMEDIATE");
  try {
    note_other_connections();
    const std::int64_t changes = conn_.record_changes();
    SqliteTransaction tx(conn_);
    const RunningTransaction running(this, tx);
    // Prepared once: a batch runs two of these per request, so parsing them each time showed.
    auto run = [this](const char* sql) { conn_.statement(sql).exec(); };
    for (std::size_t i = 0; i < fns.size(); ++i) {
      run("SAVEPOINT rp_request");
      try {
        conn_.forget_changed_records();
        (*fns[i])(tx);
        run("RELEASE rp_request");
      } catch (...) {
        // A statement can hit a full disk before the commit does (a large transaction
        // spills pages to the WAL).
        out[i] = storage_error_or_same(std::current_exception(), db);
        run("ROLLBACK TO rp_request");
        run("RELEASE rp_request");
      }
    }
    conn_.finish_statements();
    db.exec("COMMIT");
    note_commit(changes);
  } catch (...) {
    // The commit itself failed (disk full, I/O error): nobody's work is durable.
    auto failure = storage_error_or_same(std::current_exception(), db);
    // After a full disk SQLite may have ended the transaction itself, so that undoing a
    // request's savepoint is what failed: the full disk is still the cause to report.
    for (const auto& e : out)
      if (is_storage_full(e)) failure = e;
    try {
      conn_.finish_statements();
      rollback_if_open(db);
    } catch (...) {
    }
    for (auto& e : out) e = failure;
  }
  return out;
}

}  // namespace rp::store::sqlite
