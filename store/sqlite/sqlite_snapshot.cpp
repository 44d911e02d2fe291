// Heavy reads on SQLite: a read transaction on a read-only connection of their own. In
// WAL mode such a reader sees the database as of its first read and runs beside the
// writing connection, which goes on committing; the store's mutex, which every write and
// record read takes, is never held meanwhile.
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// Readers kept open between heavy reads; more may run at once (the service bounds them),
// the ones beyond this are closed when done.
constexpr std::size_t kIdleReaders = 2;

}  // namespace

std::unique_ptr<Connection> SqliteStore::take_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return std::make_unique<Connection>(reader_path_, false, true);
}

void SqliteStore::give_back_reader(std::unique_ptr<Connection> reader) {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kIdleReaders) idle_readers_.push_back(std::move(reader));
}

void SqliteStore::snapshot(const std::function<void(Transaction&)>& fn) {
  if (reader_path_.empty()) return read(fn);
  if (RunningTransaction::of(this)) throw std::logic_error("a store transaction opened inside another");
  auto reader = take_reader();
  auto& db = reader->db();
  db.exec("BEGIN");
  try {
    SqliteTransaction tx(*reader);
    {
      const RunningTransaction running(this, tx);
      fn(tx);
    }
    reader->finish_statements();
    db.exec("COMMIT");
  } catch (...) {
    reader->finish_statements();
    rollback_if_open(db);
    throw;
  }
  give_back_reader(std::move(reader));
}

}  // namespace rp::store::sqlite
