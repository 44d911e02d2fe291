// The command line on PostgreSQL, run as an operator runs it (the real binary, a --db URL
// of a throw-away cluster's database): db migrate, demo into the empty database (and never
// into a filled one), db check (which also finds a score row changed behind regenpath's
// back), audit verify, report outcomes, worklist list, patient list, patient and episode
// writes, user add, audit who-saw and search; then backup with
// pg_dump and restore with pg_restore into a fresh database, compared table by table with
// the checksums `db copy` computes, the audit chain verified, and a second restore over
// the filled database refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/copy.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"
#include "tests/cli/score_cli_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::store {
namespace {

using cli_test::run;
using test::PgTestCluster;

nlohmann::json ran(const std::string& args) {
  const auto r = run(args, "");
  EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

// A database with the demo in it, built through the command line.
std::string demo_database() {
  const std::string url = PgTestCluster::shared().fresh_database();
  const auto migrated = ran("db migrate --db " + url);
  EXPECT_EQ(migrated["schema_version"], latest_schema_version());
  const auto demo = ran("demo --no-serve --patients 12 --today 2026-11-24 --db " + url);
  EXPECT_GE(demo["patients"].get<int>(), 12);
  EXPECT_EQ(demo["db"], url) << "a URL without a password is shown as it is";
  return url;
}

TEST(PostgresCli, EveryDatabaseCommandWorksOnTheDemo) {
  const std::string url = demo_database();

  const auto again = run("demo --no-serve --patients 3 --today 2026-11-24 --db " + url, "");
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("empty database"), std::string::npos) << again.err;

  const auto check = ran("db check --db " + url);
  EXPECT_EQ(check["integrity"], "ok");
  EXPECT_EQ(check["schema_version"], latest_schema_version());
  EXPECT_GT(check["audit"]["rows"].get<int>(), 12);
  EXPECT_FALSE(check["audit"]["tampered"].get<bool>());

  const auto verified = ran("audit verify --db " + url);
  EXPECT_FALSE(verified.empty());
  // A password in the URL (the test cluster trusts every connection, so any works) is
  // never printed back.
  const std::string with_password = "postgresql://postgres:s3cret-word@" + url.substr(url.find('@') + 1);
  for (const std::string command : {"db check", "db migrate", "audit verify"}) {
    const auto shown = run(command + " --db " + with_password, "");
    EXPECT_EQ(shown.exit_code, 0) << command << ": " << shown.err;
    EXPECT_EQ(shown.out.find("s3cret"), std::string::npos) << command << ": " << shown.out;
    EXPECT_NE(shown.out.find("postgres:***@"), std::string::npos) << command << ": " << shown.out;
  }
  const auto report = ran("report outcomes --today 2026-11-24 --db " + url);
  EXPECT_TRUE(report.is_object());
  const auto patients = ran("patient list --db " + url);
  ASSERT_TRUE(patients.is_array());
  EXPECT_GE(patients.size(), 12u);
  const std::string centre = patients.at(0)["centre"].get<std::string>();
  const auto worklist = ran("worklist list --centre " + centre + " --date 2026-11-24 --db " + url);
  EXPECT_TRUE(worklist.is_object());

  // Writes: a patient, an episode and its first step, an account; each leaves its audit row.
  const auto patient = ran("patient add --centre " + centre +
                           " --mrn PG-CLI-1 --name-latin Clinician --sex female --birth-date 1960-01-01 --db " + url);
  const std::string patient_id = std::to_string(patient["id"].get<std::int64_t>());
  const auto episode = ran("episode add --patient " + patient_id + " --side right --diagnosis M16.11 --db " + url);
  const std::string episode_id = std::to_string(episode["id"].get<std::int64_t>());
  EXPECT_EQ(ran("episode advance " + episode_id + " --to screening --db " + url)["state"], "screening");
  EXPECT_EQ(ran("user add --username cli.admin --role admin --centre " + centre + " --db " + url)["role"], "admin");
  const auto who = ran("audit who-saw --patient " + patient_id + " --db " + url);
  ASSERT_TRUE(who.is_array());
  EXPECT_GE(who.size(), 3u) << who.dump();
  const auto search = ran("audit search --limit 5 --db " + url);
  EXPECT_EQ(search["rows"].size(), 5u);
  EXPECT_FALSE(ran("db check --db " + url)["audit"]["tampered"].get<bool>());

  // A score row changed outside regenpath: the outcome figures would read it, db check says so.
  postgres::Connection c(url);
  c.run(
      "UPDATE response_scores SET value = value + 1 WHERE (response_id, name) = "
      "(SELECT response_id, name FROM response_scores WHERE value IS NOT NULL ORDER BY 1, 2 LIMIT 1)");
  const auto broken = run("db check --db " + url, "");
  EXPECT_NE(broken.exit_code, 0);
  EXPECT_NE(broken.out.find("1 responses whose response_scores disagree with scores_json"), std::string::npos)
      << broken.out;
}

TEST(PostgresCli, BackupRestoresIntoAnEmptyDatabaseAsItWas) {
  const std::string source = demo_database();
  const std::string archive = (cli_test::scratch() / "pg-backup.dump").string();
  std::filesystem::remove(archive);
  // The password reaches pg_dump through PGPASSWORD, never its command line or the output.
  const std::string with_password = "postgresql://postgres:s3cret-word@" + source.substr(source.find('@') + 1);
  const auto backed_up = ran("backup --db " + with_password + " --out " + archive);
  EXPECT_EQ(backed_up.dump().find("s3cret"), std::string::npos) << backed_up.dump();
  EXPECT_EQ(backed_up["schema_version"], latest_schema_version());
  EXPECT_GT(backed_up["bytes"].get<std::int64_t>(), 1000);
  EXPECT_FALSE(std::filesystem::exists(archive + ".partial"));

  const std::string target = PgTestCluster::shared().fresh_database();
  const auto restored = ran("restore --in " + archive + " --db " + target);
  EXPECT_EQ(restored["schema_version"], latest_schema_version());
  EXPECT_EQ(restored["integrity"], "ok");
  EXPECT_FALSE(restored["audit"]["tampered"].get<bool>());

  auto from = open_store(source, OpenMode::existing_no_migrate);
  auto to = open_store(target, OpenMode::existing_no_migrate);
  const auto before = store_checksums(*from), after = store_checksums(*to);
  ASSERT_EQ(before.size(), after.size());
  std::int64_t audit_rows = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i].table, before[i].table);
    EXPECT_EQ(after[i].source_rows, before[i].source_rows) << before[i].table;
    EXPECT_EQ(after[i].source_checksum, before[i].source_checksum) << before[i].table;
    if (before[i].table == "audit_log") audit_rows = before[i].source_rows;
  }
  EXPECT_GT(audit_rows, 0);
  EXPECT_EQ(restored["audit"]["rows"], audit_rows);
  // The restored database takes writes: its id sequences are past the restored rows.
  std::optional<AuditRow> head;
  to->write([](Transaction& tx) {
    tx.append_audit({"2026-11-25T08:00:00.000Z", "operator", "operator", "", "db.restore", "db", "", "", ""});
  });
  to->read([&](Transaction& tx) { head = tx.last_audit_row(); });
  ASSERT_TRUE(head);
  EXPECT_EQ(head->seq, audit_rows + 1);

  const auto over = run("restore --in " + archive + " --db " + target, "");
  EXPECT_NE(over.exit_code, 0);
  EXPECT_EQ(over.error_field(), "db") << over.err;
  // PostgreSQL's own sentence: --force replaces only an SQLite file, so it is never offered here.
  const auto over_error = nlohmann::json::parse(over.err).at("error");
  EXPECT_EQ(over_error.at("reason"), "restore_target_not_empty_postgres") << over.err;
  const std::string said = over_error.at("message").get<std::string>();
  EXPECT_NE(said.find("empty database"), std::string::npos) << said;
  EXPECT_NE(said.find("createdb"), std::string::npos) << said;
  EXPECT_EQ(said.find("--force"), std::string::npos) << said;
  const auto not_archive = run("restore --in " + cli_test::write_file("not-a-dump", "hello").string() + " --db " +
                                   PgTestCluster::shared().fresh_database(),
                               "");
  EXPECT_NE(not_archive.exit_code, 0);
  EXPECT_NE(not_archive.err.find("not a PostgreSQL backup"), std::string::npos) << not_archive.err;
}

}  // namespace
}  // namespace rp::store
