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

// Opens the database, creating it and applying migrations as needed.
inline std::unique_ptr<store::Store> open_store(const std::string& path) { return store::open_sqlite(path); }

}  // namespace rp::app
