// The one place that turns a --db value into a store (store/store.hpp, open_store).
#include <cstdlib>
#include <string_view>

#include "store/store.hpp"

namespace rp::store {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

std::unique_ptr<Store> open_store(const std::string& db, OpenMode mode) {
  if (starts_with(db, "postgresql://") || starts_with(db, "postgres://")) return open_postgres(db, mode);
  if (starts_with(db, "sqlite:")) return open_sqlite(db.substr(7), mode);
  return open_sqlite(db, mode);
}

std::string db_from_environment(const std::string& fallback) {
  const char* env = std::getenv("REGENPATH_DB");
  return env && *env ? std::string(env) : fallback;
}

}  // namespace rp::store
