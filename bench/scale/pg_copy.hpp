#pragma once
// The generator's way into PostgreSQL: the database is generated into a scratch SQLite
// file first (through the store, so every record's content hash and the audit chain are
// the store's own, and they hash alike on both engines), then every table is streamed
// into the empty, migrated PostgreSQL database with COPY in one transaction, ids kept,
// and the identity sequences moved past them, as `regenpath db copy` leaves them.
#include <cstdint>
#include <string>

namespace rp::bench::scale {

// Rows copied.
std::int64_t copy_into_postgres(const std::string& sqlite_file, const std::string& postgres_url);

}  // namespace rp::bench::scale
