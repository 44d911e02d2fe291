// Statements left stepping at the end of a transaction (see Connection::finish_statements).
#include <sqlite3.h>

#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

void Connection::finish_statements() {
  sqlite3* db = db_.getHandle();
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s)) {
    // The cached Statement objects reset themselves again before their next use.
    if (sqlite3_stmt_busy(s)) sqlite3_reset(s);
  }
}

}  // namespace rp::store::sqlite
