// The data generation on PostgreSQL (Store::data_generation): a number every server on
// the database moves when any of them, or any other program, commits a change to a table
// other than the audit log. A statement trigger on each such table notes the change in
// the transaction (rp.data_changed, read by the writer before it commits) and sends
// NOTIFY rp_data, which PostgreSQL delivers to every listening server once the
// transaction commits. The writer moves its own number at its commit; the others move
// theirs when the notice arrives, a few milliseconds later.
#include <poll.h>

#include <chrono>

#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kNoticeFunction =
    "CREATE OR REPLACE FUNCTION rp_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN PERFORM set_config('rp.data_changed', '1', true); PERFORM pg_notify('rp_data', ''); RETURN NULL; END; $$";

// Tables whose changes change nothing a cache renders: the audit log (a record read's row
// changes no record), the schema's own version list, and the outcome report's derived rows
// (migration 0019), which follow the tables that notify for themselves; the refresh a
// report runs must not make its own cached answer stale. The scheduler's re-plan marks
// (0032) likewise follow other tables, and clearing them changes nothing shown. The
// exports' own rows (0048, 0049: their state and files, written part by part while one is
// made) are no record either: an export being made must not empty every cache.
constexpr const char* kTablesWithout =
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
    "AND tablename NOT IN ('audit_log', 'schema_version', 'outcome_joints', 'outcome_stale', 'messages_replan', "
    "'bulk_exports', 'bulk_export_files', 'sheet_exports', 'sheet_export_files', 'sheet_export_parts') "
    "ORDER BY 1";

// Notices an earlier version installed on a table now left out.
std::string tables_left_out() {
  return std::string(
             "SELECT r.relname::text FROM pg_trigger g JOIN pg_class r ON r.oid = g.tgrelid JOIN pg_namespace n "
             "ON n.oid = r.relnamespace WHERE g.tgname = 'rp_data_changed' AND n.nspname = current_schema() "
             "AND r.relname::text NOT IN (") +
         kTablesWithout + ")";
}

}  // namespace

bool change_notices_installed(Connection& c) {
  auto tables = c.exec(std::string("SELECT COUNT(*) FROM (") + kTablesWithout + ") t");
  auto triggers = c.exec(
      "SELECT COUNT(*) FROM pg_trigger g JOIN pg_class r ON r.oid = g.tgrelid JOIN pg_namespace n ON n.oid = "
      "r.relnamespace WHERE g.tgname = 'rp_data_changed' AND n.nspname = current_schema()");
  return tables.int64(0, 0) > 0 && tables.int64(0, 0) == triggers.int64(0, 0);
}

void install_change_notices(Connection& c) {
  c.run("BEGIN");
  try {
    c.run(kNoticeFunction);
    auto left_out = c.exec(tables_left_out());
    for (int i = 0; i < left_out.rows(); ++i) c.run("DROP TRIGGER rp_data_changed ON \"" + left_out.text(i, 0) + '"');
    auto tables = c.exec(kTablesWithout);
    for (int i = 0; i < tables.rows(); ++i) {
      const std::string table = tables.text(i, 0);  // from the catalogue: a plain identifier
      c.run("CREATE OR REPLACE TRIGGER rp_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \"" + table +
            "\" FOR EACH STATEMENT EXECUTE FUNCTION rp_data_changed()");
    }
    c.run("COMMIT");
  } catch (...) {
    if (c.ok()) c.run("ROLLBACK");
    throw;
  }
}

GenerationListener::GenerationListener(std::string conninfo, std::atomic<std::uint64_t>& generation)
    : conninfo_(std::move(conninfo)), generation_(generation) {
  listen();  // before the store is used: no commit after this goes unnoticed
  thread_ = std::thread([this] { run(); });
}

GenerationListener::~GenerationListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void GenerationListener::listen() {
  conn_ = std::make_unique<Connection>(conninfo_);
  conn_->run("LISTEN rp_data");
  healthy_ = true;
}

void GenerationListener::run() {
  while (!stop_) {
    if (!healthy_) {
      // Lost: notices sent meanwhile are gone, so once listening again everything counts
      // as changed. Until then data_generation() says "do not cache".
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      try {
        listen();
        ++generation_;
      } catch (const PgError&) {
      }
      continue;
    }
    pollfd p{conn_->socket(), POLLIN, 0};
    if (::poll(&p, 1, 100) < 0) continue;
    const int notes = conn_->take_notifications();
    if (notes < 0) {
      healthy_ = false;
      continue;
    }
    if (notes > 0) generation_ += static_cast<std::uint64_t>(notes);
  }
}

}  // namespace rp::store::postgres
