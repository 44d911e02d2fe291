// What the PostgreSQL store adds to the shared suite (store_suite.hpp): its migrations and
// URL, the factory choosing the engine, writes run again after losing a deadlock, one
// audit chain however many connections append to it, a pool that runs out, and hashes
// identical to SQLite's for the same rows.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "base/error.hpp"
#include "store/audit_anchor_file.hpp"
#include "store/audit_chain.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::store {
namespace {

using postgres::Connection;
using postgres::PgError;
using test::PgTestCluster;

AuditEntry entry(int i) {
  return {"2026-11-25T08:00:00.000Z", "u" + std::to_string(i), "coordinator", "a", "x.y", "e", std::to_string(i), ""};
}

TEST(PostgresStore, CreatesWithEveryMigrationAndReopensWithNothingToDo) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto s = open_postgres(url);
  EXPECT_EQ(s->schema_version(), latest_schema_version());
  EXPECT_EQ(postgres_migrations().back().version, latest_schema_version());
  EXPECT_EQ(s->integrity_check(), "ok");
  Connection raw(url);
  auto count = raw.exec("SELECT COUNT(*) FROM schema_version");
  EXPECT_EQ(count.int64(0, 0), static_cast<std::int64_t>(postgres_migrations().size()));
  // Every table the shared migrations make is there, with the PostgreSQL forms.
  auto tables = raw.exec(
      "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN "
      "('centres', 'patients', 'episodes', 'audit_log', 'accounts', 'sessions', 'questionnaire_responses', "
      "'adverse_events', 'schedule_closures', 'instrument_wordings', 'code_events')");
  EXPECT_EQ(tables.int64(0, 0), 11);
  s.reset();
  auto again = open_postgres(url);
  EXPECT_EQ(again->migrate(), 0);
}

// Each shared migration is replaced only by a file of the same number, and the list runs
// 1..N without gaps, as on SQLite.
TEST(PostgresStore, MigrationsAreTheSharedOnesWithOverridesWithoutGaps) {
  int expected = 1;
  for (const Migration& m : postgres_migrations()) EXPECT_EQ(m.version, expected++) << m.name;
  for (const Migration& o : postgres_migration_overrides()) {
    for (const Migration& m : migrations()) {
      if (m.version == o.version) {
        EXPECT_EQ(m.name, o.name) << "an override keeps the shared file's name";
      }
    }
  }
}

// The typed score rows (0014_response_scores, PostgreSQL's own file): the columns the
// outcome read takes numbers and text from; and an override numbered past the shared
// migrations, if any, applies cleanly on top of the current schema.
TEST(PostgresStore, ResponseScoresAreTypedAndOverridesAheadApplyOnTheCurrentSchema) {
  const std::string url = PgTestCluster::shared().fresh_database();
  open_postgres(url).reset();
  Connection raw(url);
  for (const Migration& o : postgres_migration_overrides()) {
    if (o.version > latest_schema_version()) raw.run("BEGIN; " + std::string(o.sql) + "; COMMIT");
  }
  auto scores = raw.exec(
      "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM "
      "information_schema.columns WHERE table_name = 'response_scores'");
  EXPECT_EQ(scores.text(0, 0), "response_id:bigint,name:text,value:double precision,text:text");
}

TEST(PostgresStore, RefusesASchemaNewerThanTheBinary) {
  const std::string url = PgTestCluster::shared().fresh_database();
  open_postgres(url).reset();
  Connection(url).run("INSERT INTO schema_version (version, name) VALUES (9999, 'from the future')");
  EXPECT_THROW(open_postgres(url), ConflictError);
}

TEST(PostgresStore, CheckModeOnAMissingDatabaseIsNotFoundAndCreatesNothing) {
  const std::string url = PgTestCluster::shared().url("rp_no_such_database");
  EXPECT_THROW(open_postgres(url, OpenMode::existing_no_migrate), NotFoundError);
  // An empty database opened for checking gets no schema.
  const std::string empty = PgTestCluster::shared().fresh_database();
  EXPECT_EQ(open_postgres(empty, OpenMode::existing_no_migrate)->schema_version(), 0);
  auto r = Connection(empty).exec("SELECT to_regclass('schema_version') IS NULL");
  EXPECT_EQ(r.view(0, 0), "t");
}

TEST(PostgresStore, TheUrlsOwnParametersSetThePoolAndAreNotPassedOn) {
  const auto o = postgres::parse_url("postgresql://u@h:5/db?sslmode=disable&pool_size=3&pool_wait_ms=250");
  EXPECT_EQ(o.conninfo, "postgresql://u@h:5/db?sslmode=disable");
  EXPECT_EQ(o.pool_size, 3);
  EXPECT_EQ(o.pool_wait, std::chrono::milliseconds(250));
  EXPECT_EQ(postgres::parse_url("postgresql://h/db?pool_size=2").conninfo, "postgresql://h/db");
  EXPECT_THROW(postgres::parse_url("postgresql://h/db?pool_size=0"), std::invalid_argument);
}

TEST(StoreFactory, ChoosesTheEngineByTheValue) {
  test::TempDb dir;
  const std::string file = (dir.dir() / "plain.db").string();
  open_store(file).reset();
  EXPECT_TRUE(std::filesystem::exists(file));
  const std::string prefixed = (dir.dir() / "prefixed.db").string();
  open_store("sqlite:" + prefixed).reset();
  EXPECT_TRUE(std::filesystem::exists(prefixed));
  EXPECT_FALSE(std::filesystem::exists("sqlite:" + prefixed));

  const std::string url = PgTestCluster::shared().fresh_database();
  open_store(url)->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("pg")); });
  EXPECT_EQ(Connection(url).exec("SELECT COUNT(*) FROM centres WHERE id = 'pg'").int64(0, 0), 1);
  // postgres:// is libpq's other spelling of the same thing.
  const std::string other = "postgres://" + url.substr(std::string("postgresql://").size());
  std::size_t centres = 0;
  open_store(other)->read([&](Transaction& tx) { centres = tx.list_centres().size(); });
  EXPECT_EQ(centres, 1u);
}

// The audit key and anchors default to files beside the database: for a URL, which names
// no folder, beside regenpath-data/postgresql-<database>.
TEST(StoreFactory, AuditFilesDefaultBesideTheDatabaseOrInTheDataFolderForAUrl) {
  EXPECT_EQ(default_anchor_path("data/clinic.db"), "data/clinic.db.anchors");
  EXPECT_EQ(default_anchor_path("sqlite:data/clinic.db"), "data/clinic.db.anchors");
  EXPECT_EQ(default_signing_key_path("sqlite:data/clinic.db"), "data/audit-signing.key");
  EXPECT_EQ(default_anchor_path("postgresql://u:secret@db.example:5432/regenpath?sslmode=require"),
            "regenpath-data/postgresql-regenpath.anchors");
  EXPECT_EQ(default_signing_key_path("postgres://db.example/regenpath"), "regenpath-data/audit-signing.key");
}

TEST(StoreFactory, TheEnvironmentNamesTheDatabaseWhenSet) {
  ::unsetenv("REGENPATH_DB");
  EXPECT_EQ(db_from_environment("regenpath.db"), "regenpath.db");
  ::setenv("REGENPATH_DB", "postgresql://h/db", 1);
  EXPECT_EQ(db_from_environment("regenpath.db"), "postgresql://h/db");
  ::setenv("REGENPATH_DB", "", 1);
  EXPECT_EQ(db_from_environment("regenpath.db"), "regenpath.db");
  ::unsetenv("REGENPATH_DB");
}

// Another program holds a row the write needs and waits for the write's own lock: a
// cycle PostgreSQL ends by failing the side whose deadlock check runs once the cycle is
// closed, here the write (it starts waiting last). The store runs the write again once
// the way is clear, and it commits exactly once.
TEST(PostgresStore, AWriteThatLosesADeadlockRunsAgainAndCommits) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto opened = open_postgres(url);
  auto& s = dynamic_cast<postgres::PgStore&>(*opened);
  s.write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });

  Connection other(url);
  other.run("BEGIN");
  other.run("SELECT * FROM centres WHERE id = 'a' FOR UPDATE");
  std::atomic<int> runs{0};
  std::atomic<bool> holding_writer_lock{false};
  std::thread writer([&] {
    s.write([&](Transaction& tx) {
      if (++runs == 1) {
        holding_writer_lock = true;
        // Let the other side start waiting for the writer lock first.
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
      }
      Centre c = test::test_centre("a");
      c.phone = "021";
      tx.upsert_centre(c);  // waits for the other side's row lock
      tx.append_audit(entry(1));
    });
  });
  while (!holding_writer_lock) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  bool other_lost = false;
  try {
    other.exec("SELECT pg_advisory_xact_lock(1920103284, 1)");  // waits until the write gives up
  } catch (const PgError& e) {
    other_lost = e.retryable();
  }
  other.run(other_lost ? "ROLLBACK" : "COMMIT");
  writer.join();
  EXPECT_FALSE(other_lost) << "the write closed the cycle, so it is the one PostgreSQL fails";
  EXPECT_EQ(runs.load(), 2);
  EXPECT_EQ(s.retries(), 1);
  s.read([](Transaction& tx) {
    EXPECT_EQ(tx.find_centre("a")->phone, "021");
    EXPECT_EQ(tx.audit_rows(0, 10).size(), 1u);
  });
}

// Two stores (as two servers would) on one database, each with several connections,
// append concurrently: the log is one chain, every seq once, each row hashing from the
// one before it.
TEST(PostgresStore, ConcurrentAppendsThroughTwoStoresKeepOneChain) {
  const std::string url = PgTestCluster::shared().fresh_database() + "?pool_size=3";
  auto first = open_postgres(url);
  auto second = open_postgres(url);
  constexpr int kThreads = 6, kEach = 15;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& s = t % 2 ? *first : *second;
      for (int i = 0; i < kEach; ++i) {
        s.write([&](Transaction& tx) { tx.append_audits({entry(t * 1000 + i), entry(t * 1000 + i + 500)}); });
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<AuditRow> rows;
  first->read([&](Transaction& tx) { rows = tx.audit_rows(0, 100000); });
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kThreads * kEach * 2));
  std::string prev = kAuditGenesis;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(rows[i].prev_hash, prev);
    EXPECT_EQ(audit_hash(rows[i].prev_hash, rows[i].seq, rows[i]), rows[i].hash);
    prev = rows[i].hash;
  }
}

// With every connection of the pool busy, a caller waits the pool's time and then gets a
// clear error rather than hanging; once a connection comes back the store works again.
TEST(PostgresStore, AnExhaustedPoolRefusesAfterItsWaitAndRecovers) {
  const std::string url = PgTestCluster::shared().fresh_database() + "?pool_size=1&pool_wait_ms=200";
  auto s = open_postgres(url);
  std::mutex m;
  std::condition_variable cv;
  bool holding = false, release = false;
  std::thread holder([&] {
    s->read([&](Transaction&) {
      std::unique_lock lock(m);
      holding = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    });
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return holding; });
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    s->read([](Transaction&) {});
    ADD_FAILURE() << "a second connection was handed out";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "53300");
    EXPECT_NE(std::string(e.what()).find("pool"), std::string::npos);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(190));
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  holder.join();
  EXPECT_NO_THROW(s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("after")); }));
}

// The generation that caches of rendered records key on: a record read's audit row
// leaves it, any other commit moves it at once for the writer; another server (a second
// store on the database) and another program's edit move it through LISTEN/NOTIFY.
TEST(PostgresStore, TheDataGenerationMovesOnEveryServerButNotForAuditRows) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto s = open_postgres(url);
  auto other_server = open_postgres(url);
  const auto start = s->data_generation();
  ASSERT_TRUE(start.has_value());
  const AuditEntry read{"2026-01-01T00:00:00.000Z", "u", "surgeon", "a", "episode.read", "episode", "1", ""};
  s->write([&](Transaction& tx) { tx.append_audit(read); });
  s->read([](Transaction& tx) { tx.list_centres(); });
  EXPECT_THROW(s->write([](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  // An export's own rows are no record (pg_generation.cpp leaves their tables out).
  s->write(CentreScope::every_centre(), [](Transaction& tx) {
    const SheetExportRow e = test::running_sheet_export("deidentified", "", "analyst");
    tx.insert_sheet_export(e);
    tx.insert_sheet_export_part(e.id, 1, 0, std::string("PK\0\x01", 4));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // no notice is on its way
  EXPECT_EQ(s->data_generation(), start);

  const auto elsewhere = other_server->data_generation();
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  EXPECT_NE(s->data_generation(), start);  // the writer's own: at its commit
  auto moves = [](Store& store, std::optional<std::uint64_t> from) {
    for (int i = 0; i < 200 && store.data_generation() == from; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return store.data_generation() != from;
  };
  EXPECT_TRUE(moves(*other_server, elsewhere));

  const auto before_edit = s->data_generation();
  Connection(url).run("UPDATE centres SET phone = '021' WHERE id = 'a'");  // another program
  EXPECT_TRUE(moves(*s, before_edit));
}

// A batch (the group commit) is one transaction: a failing request rolls back its own
// rows only, the others commit together, and each request's audit row names only what
// that request wrote.
TEST(PostgresStore, ABatchCommitsTogetherAndAFailingRequestLosesOnlyItsOwnRows) {
  auto s = open_postgres(PgTestCluster::shared().fresh_database());
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  auto add = [](const std::string& mrn, bool fail) {
    return [mrn, fail](Transaction& tx) {
      Patient p;
      p.centre_id = "a";
      p.mrn = mrn;
      p.birth_date = CivilDate::from_ymd(1960, 1, 1);
      const auto id = tx.insert_patient(p, "t");
      tx.append_audit({"t", "u", "coordinator", "a", "patient.create", "patient", std::to_string(id), ""});
      if (fail) throw std::runtime_error("refused");
    };
  };
  const std::function<void(Transaction&)> first = add("M1", false), second = add("M2", true), third = add("M3", false);
  const auto errors = s->write_batch({&first, &second, &third});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_FALSE(errors[0]);
  EXPECT_TRUE(errors[1]);
  EXPECT_FALSE(errors[2]);
  s->read([](Transaction& tx) {
    const auto patients = tx.list_patients({});
    ASSERT_EQ(patients.size(), 2u);
    EXPECT_EQ(patients[0].mrn, "M1");
    EXPECT_EQ(patients[1].mrn, "M3");
    const auto rows = tx.audit_rows(0, 10);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_NE(rows[0].content.find("patient:" + std::to_string(patients[0].id) + "="), std::string::npos);
    EXPECT_EQ(rows[1].content.find("patient:" + std::to_string(patients[0].id) + "="), std::string::npos);
    EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  });
}

// The disk-full probe commits a write that reaches the WAL; the demo's scratch mode
// (commits not waiting for the disk) is a working store like any other.
TEST(PostgresStore, TheWriteProbeAndTheScratchModeWork) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto s = open_postgres(url, OpenMode::scratch);
  EXPECT_NO_THROW(s->probe_write());
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  s.reset();
  std::size_t centres = 0;
  open_postgres(url)->read([&](Transaction& tx) { centres = tx.list_centres().size(); });
  EXPECT_EQ(centres, 1u);
}

TEST(PostgresStore, ANestedTransactionIsRefusedAndTheOuterRollsBack) {
  auto s = open_postgres(PgTestCluster::shared().fresh_database());
  EXPECT_THROW(s->write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("outer"));
    s->read([](Transaction&) {});
  }),
               std::logic_error);
  s->read([](Transaction& tx) { EXPECT_TRUE(tx.list_centres().empty()); });
}

// The same writes give the same audit chain and record hashes on both engines, so a clinic
// moved from one to the other keeps verifying; and text sorts byte-wise on both, whatever
// the cluster's locale (this one's is en_US where it can be).
TEST(PostgresStore, TheSameWritesGiveTheSameChainAndOrderAsSqlite) {
  test::TempDb dir;
  auto lite = open_sqlite(dir.path());
  auto pg = open_postgres(PgTestCluster::shared().fresh_database());
  auto work = [](Transaction& tx) {
    for (const char* id : {"b", "B", "_z", "a-1", "a_1", "a1"}) tx.upsert_centre(test::test_centre(id));
    Patient p;
    p.centre_id = "a1";
    p.mrn = "M-1";
    p.name_fa = "مریم";
    p.name_latin = "Maryam Rezaei";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.consent = {true, false, true};
    const auto id = tx.insert_patient(p, "2026-11-25T08:00:00.000Z");
    Episode e;
    e.patient_id = id;
    e.centre_id = "a1";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd-10-cm", "M16.11"};
    e.kl_grade = 2;
    const auto eid = tx.insert_episode(e, "2026-11-25T08:00:00.000Z");
    tx.replace_schedule(eid, {{"visit-2w", "visit", "injection", "P2W", CivilDate::from_ymd(2026, 12, 1),
                               CivilDate::from_ymd(2026, 12, 1), CivilDate::from_ymd(2026, 11, 28),
                               CivilDate::from_ymd(2026, 12, 4), ItemStatus::planned, std::nullopt}});
    tx.append_audit(
        {"2026-11-25T08:00:00.000Z", "u", "coordinator", "a1", "patient.create", "patient", std::to_string(id), ""});
  };
  lite->write(work);
  pg->write(work);
  std::vector<AuditRow> a, b;
  std::vector<std::string> order_a, order_b;
  lite->read([&](Transaction& tx) {
    a = tx.audit_rows(0, 10);
    for (const auto& c : tx.list_centres()) order_a.push_back(c.id);
  });
  pg->read([&](Transaction& tx) {
    b = tx.audit_rows(0, 10);
    for (const auto& c : tx.list_centres()) order_b.push_back(c.id);
  });
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_FALSE(a[0].content.empty());
  EXPECT_EQ(a[0].content, b[0].content);
  EXPECT_EQ(a[0].hash, b[0].hash);
  EXPECT_EQ(order_a, order_b);
}

}  // namespace
}  // namespace rp::store
