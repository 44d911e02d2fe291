#pragma once
// The --db option shared by commands that use the database.
#include <filesystem>
#include <memory>
#include <string>

#include "app/cli.hpp"
#include "store/store.hpp"

namespace rp::app {

// --db names the store (store::open_store); without it, REGENPATH_DB, else `db`'s default.
inline void add_db_option(CLI::App* cmd, std::string& db) {
  const std::string fallback = db;
  db = store::db_from_environment(fallback);
  auto* option =
      cmd->add_option("--db", db,
                      "the database: FILE or sqlite:FILE (SQLite), postgresql://user@host:port/name (PostgreSQL); "
                      "REGENPATH_DB when not given");
  // The environment's value may hold a password: shown only when it is the built-in one.
  if (db == fallback) option->capture_default_str();
}

// Whether `db` names an SQLite file (FILE or sqlite:FILE) that does not exist: a command
// that only reads refuses it rather than creating an empty one. A PostgreSQL URL names
// no file (its server says whether the database exists).
inline bool names_missing_file(const std::string& db) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) return false;
  return !std::filesystem::exists(db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db);
}

// The --db value as a command may print it: a PostgreSQL URL's password masked (`***`).
inline std::string shown_db(const std::string& db) {
  const auto scheme = db.find("://");
  const auto at = db.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return db;
  const auto colon = db.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return db;
  return db.substr(0, colon + 1) + "***" + db.substr(at);
}

// Opens the database for a command that reads or writes records: a new database is created
// at the latest schema, an existing one must be at it (schema changes run only through
// `regenpath db migrate`). SQLite or PostgreSQL by the value (store::open_store).
inline std::unique_ptr<store::Store> open_store(const std::string& db) {
  return store::open_store(db, store::OpenMode::current_schema);
}

}  // namespace rp::app
