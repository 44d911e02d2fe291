// Schema changes run only through `regenpath db migrate`: a database an older binary left
// (migrations applied up to the one before the latest) is refused by `serve` and by the
// commands that write records, with the catalogued sentence naming the command to run and
// the schema left as it was; `db migrate` upgrades it, then the server serves it. A new
// file is still created by `serve` (the README's first start), a newer schema refused.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>

#include "audit_test_support.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::test {
namespace {

int previous_version() {
  const auto& all = store::migrations();
  return all.at(all.size() - 2).version;
}

// A database as the binary before the latest migration left it, with a centre in it.
void make_old_database(const std::string& db) {
  std::ofstream(db).close();
  store::sqlite::SqliteStore s(db, store::OpenMode::existing_no_migrate);
  s.migrate_up_to(previous_version());
  SQLite::Database d(db, SQLite::OPEN_READWRITE);
  d.exec(
      "INSERT INTO centres (id, name_en, name_fa, city_en, city_fa, licence_status) "
      "VALUES ('a', 'Centre a', 'مرکز', 'Tehran', 'تهران', 'licensed')");
}

int schema_of(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  return d.execAndGet("SELECT MAX(version) FROM schema_version").getInt();
}

TEST(SchemaUpgrade, ServeRefusesAnOlderSchemaUntilDbMigrateUpgradesIt) {
  TempDir dir;
  const std::string db = dir.file("old.db");
  make_old_database(db);
  const std::string expected = "'" + db + "' is at schema version " + std::to_string(previous_version()) +
                               "; this regenpath works on " + std::to_string(store::latest_schema_version()) +
                               ": run `regenpath db migrate --db " + db + "` first";

  const std::string log = dir.file("serve.log");
  EXPECT_THROW(ServerProcess(db, {}, log), std::runtime_error);
  EXPECT_NE(slurp(log).find(expected), std::string::npos) << slurp(log);
  EXPECT_EQ(schema_of(db), previous_version());

  // A command that writes records is refused the same way (exit 2, the catalogue's code).
  const BinaryRun add = regenpath(
      dir.file(""), "user add --db " + db + " --username admin.a --role admin --centre a --password " + kPassword);
  EXPECT_EQ(add.exit_code, 2);
  EXPECT_NE(add.err.find(expected), std::string::npos) << add.err;
  EXPECT_EQ(schema_of(db), previous_version());

  const BinaryRun migrate = regenpath(dir.file(""), "db migrate --db " + db);
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_EQ(migrate.json()["applied"], 1);
  EXPECT_EQ(migrate.json()["schema_version"], store::latest_schema_version());

  ASSERT_EQ(regenpath(dir.file(""),
                      "user add --db " + db + " --username admin.a --role admin --centre a --password " + kPassword)
                .exit_code,
            0);
  ServerProcess server(db);
  Client c{server.port()};
  EXPECT_EQ(c.login("admin.a").status, 200);
  EXPECT_EQ(c.get("/api/v1/centres").status, 200);
}

TEST(SchemaUpgrade, ServeCreatesANewDatabaseAndRefusesANewerSchema) {
  TempDir dir;
  const std::string db = dir.file("new.db");
  {
    ServerProcess server(db);  // no file yet: created at the latest schema
  }
  EXPECT_EQ(schema_of(db), store::latest_schema_version());
  {
    SQLite::Database d(db, SQLite::OPEN_READWRITE);
    d.exec("INSERT INTO schema_version (version, name) VALUES (" + std::to_string(store::latest_schema_version() + 1) +
           ", 'from a newer regenpath')");
  }
  const std::string log = dir.file("serve.log");
  EXPECT_THROW(ServerProcess(db, {}, log), std::runtime_error);
  EXPECT_NE(slurp(log).find("is newer than this regenpath"), std::string::npos) << slurp(log);
}

TEST(SchemaUpgrade, DbMigrateCreatesAMissingDatabase) {
  TempDir dir;
  const std::string db = dir.file("sub/fresh.db");
  const BinaryRun migrate = regenpath(dir.file(""), "db migrate --db " + db);
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_EQ(migrate.json()["applied"], static_cast<int>(store::migrations().size()));
  EXPECT_EQ(schema_of(db), store::latest_schema_version());
}

}  // namespace
}  // namespace rp::test
