#pragma once
// Backup and restore of a PostgreSQL database with PostgreSQL's own tools: pg_dump's
// custom format (one consistent snapshot, taken while servers go on writing) and
// pg_restore into an empty database. The tools (postgresql-client-15) are found on PATH,
// else in /usr/lib/postgresql/15/bin, and run without a shell; the connection reaches
// them through libpq's environment variables (PGHOST, PGPASSWORD, ...), never on a
// command line that `ps` shows.
#include <cstdint>
#include <string>

namespace rp::store::postgres {

struct DumpedDatabase {
  std::int64_t bytes = 0;  // the archive's size
  int schema_version = 0;  // of the database dumped
  std::string tool;        // the pg_dump or pg_restore run
};

// Dumps the database at `url` (a regenpath database: NotFoundError "db" otherwise) into
// `out`, replacing any file there: written beside it under a temporary name and renamed
// once pg_restore can read its table of contents, so `out` never holds half a backup.
DumpedDatabase backup_database(const std::string& url, const std::string& out);

// Restores the archive `in` into the database at `url`, which must exist and hold no
// table (ConflictError "db", restore_target_not_empty_postgres: a PostgreSQL database is never
// replaced, --force or not), in one transaction, so a failed restore leaves it empty.
// Objects are owned by the URL's user. Returns the restored database's schema version;
// ConflictError (schema_newer) when it is newer than this binary knows.
DumpedDatabase restore_database(const std::string& in, const std::string& url);

}  // namespace rp::store::postgres
