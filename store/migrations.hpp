#pragma once
#include <string_view>
#include <vector>

namespace rp::store {

// One numbered schema change; version N is store/migrations/000N_*.sql.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Every migration the binary knows, in version order (generated at build time).
const std::vector<Migration>& migrations();

}  // namespace rp::store
