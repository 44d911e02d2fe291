#pragma once
// How many audit rows of one action a clinic's SQLite file holds: a write the server made
// is in the chain, a refused one is not.
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

namespace rp::test {

inline int audit_rows_of(const std::string& db, const std::string& action) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d, "SELECT COUNT(*) FROM audit_log WHERE action = ?");
  q.bind(1, action);
  q.executeStep();
  return q.getColumn(0).getInt();
}

}  // namespace rp::test
