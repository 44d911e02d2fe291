#pragma once
// The schema on PostgreSQL: the shared numbered migrations (store/migrations/*.sql), each
// replaced by the file of the same number in store/migrations/postgres/ where the SQL
// must differ (identity columns, a trigger function, byte-wise text order).
#include <vector>

#include "store/migrations.hpp"

namespace rp::store {

// Every store/migrations/postgres/NNNN_name.sql, in version order (generated at build time).
const std::vector<Migration>& postgres_migration_overrides();

// The migrations PostgreSQL runs, in version order: the shared ones, each with its
// override in its place. An override numbered past the shared list is left out until the
// shared file of that number exists, so that both engines know one latest version.
std::vector<Migration> postgres_migrations();

}  // namespace rp::store
