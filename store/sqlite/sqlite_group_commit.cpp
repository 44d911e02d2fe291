// Group commit on SQLite: many writers' transactions in one commit, each isolated by a
// savepoint so that one failing request rolls back only its own rows.
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

std::vector<std::exception_ptr> SqliteStore::write_batch(
    const std::vector<const std::function<void(Transaction&)>*>& fns) {
  std::vector<std::exception_ptr> out(fns.size());
  std::lock_guard lock(mutex_);
  auto& db = conn_.db();
  db.exec("BEGIN IMMEDIATE");
  try {
    SqliteTransaction tx(conn_);
    for (std::size_t i = 0; i < fns.size(); ++i) {
      db.exec("SAVEPOINT rp_request");
      try {
        (*fns[i])(tx);
        db.exec("RELEASE rp_request");
      } catch (...) {
        out[i] = std::current_exception();
        db.exec("ROLLBACK TO rp_request");
        db.exec("RELEASE rp_request");
      }
    }
    db.exec("COMMIT");
  } catch (...) {
    // The commit itself failed (disk full, I/O error): nobody's work is durable.
    try {
      db.exec("ROLLBACK");
    } catch (...) {
    }
    const auto failure = std::current_exception();
    for (auto& e : out) e = failure;
  }
  return out;
}

}  // namespace rp::store::sqlite
