// The PostgreSQL store: its URL, the connection pool, migrations and transactions.
#include "store/postgres/pg_store.hpp"

#include <algorithm>
#include <random>
#include <regex>
#include <stdexcept>
#include <thread>

#include "base/error.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/search_names.hpp"

namespace rp::store {

std::vector<Migration> postgres_migrations() {
  std::vector<Migration> out;
  const auto& overrides = postgres_migration_overrides();
  for (const Migration& m : migrations()) {
    const Migration* own = nullptr;
    for (const Migration& o : overrides) {
      if (o.version == m.version) own = &o;
    }
    out.push_back(own ? *own : m);
  }
  // An override numbered past the shared list (0014_response_scores before the shared
  // file of that number exists) waits for it: both engines stay at one schema version,
  // which `db check`, `audit verify` and the server compare with latest_schema_version().
  return out;
}

std::unique_ptr<Store> open_postgres(const std::string& url, OpenMode mode) {
  return std::make_unique<postgres::PgStore>(postgres::parse_url(url), mode);
}

namespace postgres {
namespace {

// Advisory lock keys (two int4s: "rpst" and a number), one per thing serialized across
// every server on the database.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(1920103284, 1)";
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(1920103284, 2)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(1920103284, 2)";

// A transaction reaches every centre's rows (row-level security, migration 0017) until
// Transaction::limit_to holds it to one; the plain Store::read and write are system work.
constexpr const char* kEveryCentre = "SELECT set_config('regenpath.centre', '*', true)";

// A write that lost to another (serialization failure, deadlock) runs again this many times.
constexpr int kWriteAttempts = 8;

// The URL without its password, for messages.
std::string shown_url(const std::string& url) {
  static const std::regex password("(://[^:/@]*):[^@/]*@");
  return std::regex_replace(url, password, "$1:***@");
}

// Which transaction this thread runs in which store: a nested one is refused, as on
// SQLite (it would wait for the writer lock its own caller holds).
thread_local const void* running_store = nullptr;

struct Running {
  explicit Running(const void* store) : outer(running_store) { running_store = store; }
  ~Running() { running_store = outer; }
  const void* outer;
};

// Creates the version table of a new database. Asked first: CREATE ... IF NOT EXISTS
// needs the right to create in the schema even when the table is there, which the role a
// server runs as lacks (README, "PostgreSQL roles").
void ensure_schema_version_table(Connection& c) {
  if (c.exec("SELECT to_regclass('schema_version') IS NOT NULL").view(0, 0) == "t") return;
  c.run(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))");
}

}  // namespace

PgOptions parse_url(const std::string& url) {
  PgOptions o;
  const auto question = url.find('?');
  if (question == std::string::npos) {
    o.conninfo = url;
    return o;
  }
  std::string kept;
  std::size_t start = question + 1;
  while (start <= url.size()) {
    std::size_t end = url.find('&', start);
    if (end == std::string::npos) end = url.size();
    const std::string pair = url.substr(start, end - start);
    const auto eq = pair.find('=');
    const std::string key = pair.substr(0, eq), value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    if (key == "pool_size" || key == "pool_wait_ms") {
      int n = 0;
      try {
        n = std::stoi(value);
      } catch (const std::exception&) {
        n = -1;
      }
      if (n < (key == "pool_size" ? 1 : 0))
        throw std::invalid_argument("--db: " + key + " must be a whole number" +
                                    (key == "pool_size" ? " above 0" : ""));
      if (key == "pool_size") {
        o.pool_size = n;
      } else {
        o.pool_wait = std::chrono::milliseconds(n);
      }
    } else if (!pair.empty()) {
      kept += (kept.empty() ? "" : "&") + pair;
    }
    start = end + 1;
  }
  o.conninfo = url.substr(0, question) + (kept.empty() ? "" : "?" + kept);
  return o;
}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  const bool free =
      freed_.wait_for(lock, options_.pool_wait, [&] { return !idle_.empty() || open_ < options_.pool_size; });
  if (!free) {
    throw PgError("PostgreSQL: all " + std::to_string(options_.pool_size) +
                      " connections of the pool stayed busy for " + std::to_string(options_.pool_wait.count()) + " ms",
                  "53300");
  }
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c));
  }
  ++open_;  // counted before connecting, so that others wait rather than overshoot
  lock.unlock();
  try {
    auto c = std::make_unique<Connection>(options_.conninfo);
    return Lease(*this, std::move(c));
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::give_back(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mutex_);
    if (c && c->idle()) {
      idle_.push_back(std::move(c));
    } else {
      // A lost connection, or one a failed ROLLBACK left inside a transaction, is dropped;
      // the next caller opens a new one.
      --open_;
    }
  }
  freed_.notify_one();
}

PgStore::PgStore(PgOptions options, OpenMode mode)
    : pool_(options), snapshots_(options), scratch_(mode == OpenMode::scratch || mode == OpenMode::bulk_load) {
  int have = 0;
  try {
    auto c = pool_.acquire();
    if (mode != OpenMode::existing_no_migrate) {
      ensure_schema_version_table(*c);
    }
    have = schema_version(*c);
  } catch (const PgError& e) {
    // The server says so in words only (libpq has no SQLSTATE before a session exists);
    // an unreachable server or a refused password stays the connection error it is.
    const std::string what = e.what();
    const bool no_database = e.sqlstate() == "08001" && what.find("database \"") != std::string::npos &&
                             what.find("does not exist") != std::string::npos;
    if (mode == OpenMode::existing_no_migrate && no_database)
      throw NotFoundError("db", "no_database"_err, {{"path", shown_url(pool_.options().conninfo)}});
    throw;
  }
  if (have > latest_schema_version()) {
    throw ConflictError("db", "schema_newer"_err,
                        {{"have", std::to_string(have)}, {"latest", std::to_string(latest_schema_version())}});
  }
  // Schema changes run only when asked (`regenpath db migrate`), as on SQLite; a database
  // with no tables yet is created at the latest version.
  if ((mode == OpenMode::current_schema || mode == OpenMode::bulk_load) && have < latest_schema_version()) {
    auto c = pool_.acquire();
    const auto tables =
        c->exec("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'");
    if (have > 0 || tables.int64(0, 0) > 0)
      throw ConflictError(
          "db", "schema_not_current"_err,
          {{"db", shown_url(pool_.options().conninfo)}, {"have", have}, {"latest", latest_schema_version()}});
  }
  if (mode != OpenMode::existing_no_migrate) migrate();
  bool notices = false;
  {
    auto c = pool_.acquire();
    notices = schema_version(*c) == latest_schema_version() && change_notices_installed(*c);
  }
  if (notices) listener_ = std::make_unique<GenerationListener>(pool_.options().conninfo, generation_);
}

std::optional<std::uint64_t> PgStore::data_generation() {
  if (!listener_ || !listener_->healthy()) return std::nullopt;
  return generation_.load();
}

int PgStore::schema_version(Connection& c) {
  // Two statements: one naming a table that does not exist is refused before it runs.
  auto exists = c.exec("SELECT to_regclass('schema_version') IS NOT NULL");
  if (exists.view(0, 0) != "t") return 0;
  return c.exec("SELECT COALESCE(MAX(version), 0) FROM schema_version").int32(0, 0);
}

int PgStore::schema_version() {
  auto c = pool_.acquire();
  return schema_version(*c);
}

int PgStore::migrate() {
  auto c = pool_.acquire();
  // One migrating server at a time; the others find the work done.
  c->exec(kMigrationLock);
  int applied = 0;
  try {
    ensure_schema_version_table(*c);
    const int have = c->exec("SELECT COALESCE(MAX(version), 0) FROM schema_version").int32(0, 0);
    for (const Migration& m : postgres_migrations()) {
      if (m.version <= have) continue;
      // Each migration and its version row commit together, or not at all.
      c->run("BEGIN");
      try {
        c->run(std::string(m.sql));
        if (m.version == kSearchNamesMigration) fill_search_names(*c);
        c->exec("INSERT INTO schema_version (version, name) VALUES ($1::int, $2::text)",
                Params().integer(m.version).text(std::string(m.name)));
        c->run("COMMIT");
      } catch (...) {
        if (c->ok()) c->run("ROLLBACK");
        throw;
      }
      ++applied;
    }
    // On a current schema, every table but the audit log notes its changes (pg_generation.cpp).
    const int now = c->exec("SELECT COALESCE(MAX(version), 0) FROM schema_version").int32(0, 0);
    if (now == latest_schema_version() && !change_notices_installed(*c)) install_change_notices(*c);
  } catch (...) {
    if (c->ok()) c->exec(kMigrationUnlock);
    throw;
  }
  c->exec(kMigrationUnlock);
  return applied;
}

std::string PgStore::integrity_check() {
  // PostgreSQL checks its pages itself; what is left to report is a constraint the schema
  // declares but the data was never checked against (NOT VALID).
  auto c = pool_.acquire();
  auto r = c->exec("SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE NOT convalidated ORDER BY 1, 2");
  std::string out;
  for (int i = 0; i < r.rows(); ++i)
    out += (out.empty() ? "" : "; ") + ("constraint not validated: " + r.text(i, 0) + "." + r.text(i, 1));
  // The outcome figures read the typed score rows: one changed behind regenpath's back shows here.
  const std::int64_t disagree = responses_whose_scores_disagree(*c);
  if (disagree > 0)
    out += (out.empty() ? "" : "; ") + std::to_string(disagree) +
           " responses whose response_scores disagree with scores_json";
  return out.empty() ? "ok" : out;
}

void PgStore::probe_write() {
  // Taking a transaction id makes the commit write (and flush) a WAL record, like any
  // write, though no row changes.
  in_transaction(
      true, [](Transaction&) {}, true);
}

void PgStore::write(const std::function<void(Transaction&)>& fn) { in_transaction(true, fn); }

void PgStore::read(const std::function<void(Transaction&)>& fn) { in_transaction(false, fn); }

void PgStore::snapshot(const std::function<void(Transaction&)>& fn) { in_transaction(false, fn, false, &snapshots_); }

void PgStore::in_transaction(bool writing, const std::function<void(Transaction&)>& fn, bool reach_disk, Pool* pool) {
  transact(
      writing, reach_disk,
      [&](Connection& c) {
        PgTransaction tx(c);
        const Running running(this);
        fn(tx);
      },
      pool);
}

std::vector<std::exception_ptr> PgStore::write_batch(const std::vector<const std::function<void(Transaction&)>*>& fns) {
  // One transaction, one commit (one WAL flush) for the batch, each function in a savepoint
  // of its own so that one failing request rolls back only its own rows; as on SQLite.
  std::vector<std::exception_ptr> out(fns.size());
  try {
    transact(true, false, [&](Connection& c) {
      std::fill(out.begin(), out.end(), nullptr);  // a batch run again starts afresh
      for (std::size_t i = 0; i < fns.size(); ++i) {
        // A scope set by the previous request outlives its released savepoint: start afresh.
        c.run(std::string("SAVEPOINT rp_request; ") + kEveryCentre);
        try {
          PgTransaction tx(c);  // its own record notes: a request's row names its own writes
          const Running running(this);
          (*fns[i])(tx);
          c.run("RELEASE SAVEPOINT rp_request");
        } catch (const PgError& e) {
          if (e.retryable()) throw;  // the whole batch runs again
          out[i] = std::current_exception();
          c.run("ROLLBACK TO SAVEPOINT rp_request; RELEASE SAVEPOINT rp_request");
        } catch (...) {
          out[i] = std::current_exception();
          c.run("ROLLBACK TO SAVEPOINT rp_request; RELEASE SAVEPOINT rp_request");
        }
      }
    });
  } catch (...) {
    // The commit itself failed, or the batch could not run: nobody's work is durable.
    for (auto& e : out) e = std::current_exception();
  }
  return out;
}

void PgStore::transact(bool writing, bool reach_disk, const std::function<void(Connection&)>& body, Pool* pool) {
  if (running_store == this) throw std::logic_error("a store transaction opened inside another");
  auto c = (pool ? *pool : pool_).acquire();
  // synchronous_commit on: a commit returns once its WAL is flushed, so an acknowledged
  // write survives a crash (off only for the demo's scratch database).
  static thread_local std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    try {
      if (writing) {
        // READ COMMITTED, with every write of every server taking one advisory lock first:
        // writes run one at a time, as on SQLite, and each statement after the lock sees
        // every write committed before it. The use cases' check-then-write steps (a
        // transition from the state just read, the audit chain's head) stay correct
        // without SERIALIZABLE's predicate locks, and a lock taken by a statement inside a
        // transaction would not help SERIALIZABLE: its snapshot is taken before the wait.
        c->run(scratch_ ? std::string("BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL synchronous_commit = off; ") +
                              kEveryCentre
                        : std::string("BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL synchronous_commit = on; ") +
                              kEveryCentre);
        c->exec(kWriterLock);
        if (reach_disk) c->exec("SELECT pg_current_xact_id()::text");
      } else {
        c->run(std::string("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ") + kEveryCentre);
      }
      body(*c);
      // Whether a table other than the audit log changed (pg_generation.cpp), asked before
      // the commit ends the transaction's settings.
      bool changed = false;
      if (writing && listener_)
        changed = c->exec("SELECT current_setting('rp.data_changed', true) = '1'").view(0, 0) == "t";
      c->run("COMMIT");
      if (changed) ++generation_;
      return;
    } catch (const PgError& e) {
      if (c->ok()) {
        try {
          c->run("ROLLBACK");
        } catch (const PgError&) {
        }
      }
      // Only another writer's lock (a deadlock with a process outside regenpath, or a
      // serialization failure) is worth another try; the same work then usually succeeds.
      if (!e.retryable() || attempt >= kWriteAttempts) throw;
      ++retries_;
      std::this_thread::sleep_for(std::chrono::milliseconds(1 + jitter() % (5 * attempt)));
    } catch (...) {
      if (c->ok()) {
        try {
          c->run("ROLLBACK");
        } catch (const PgError&) {
        }
      }
      throw;
    }
  }
}

}  // namespace postgres
}  // namespace rp::store
