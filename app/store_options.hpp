#pragma once
// The --db option shared by commands that use the database.
#include <memory>
#include <string>

#include "app/cli.hpp"
#include "store/store.hpp"

namespace rp::app {

inline void add_db_option(CLI::App* cmd, std::string& path) {
  cmd->add_option("--db", path, "SQLite database file")->capture_default_str();
}

// Opens the database for a command that reads or writes records: a new file is created at
// the latest schema, an existing one must be at it (schema changes run only through
// `regenpath db migrate`).
inline std::unique_ptr<store::Store> open_store(const std::string& path) {
  return store::open_sqlite(path, store::OpenMode::current_schema);
}

}  // namespace rp::app
