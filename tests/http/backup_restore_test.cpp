// `regenpath backup` of a live server's database while it takes writes, then `restore`
// into an empty file: the backup is one consistent moment of the writes (every answer
// acknowledged before it began, none after it ended), the restored database has the
// backup's rows table by table, its audit chain verifies, and a restore refuses to replace
// a database unless told to (--force); a backup never goes over the database itself.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "audit_test_support.hpp"

namespace rp::test {
namespace {

std::map<std::string, std::int64_t> row_counts(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  std::vector<std::string> tables;
  SQLite::Statement q(d,
                      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                      "ESCAPE '\\' ORDER BY name");
  while (q.executeStep()) tables.push_back(q.getColumn(0).getString());
  std::map<std::string, std::int64_t> out;
  for (const auto& t : tables) out[t] = d.execAndGet("SELECT COUNT(*) FROM \"" + t + "\"").getInt64();
  return out;
}

TEST(BackupRestore, ALiveDatabaseBackedUpDuringWritesRestoresIntoAnEmptyFile) {
  TempDir dir;
  const std::string db = dir.file("clinic.db"), backup = dir.file("backups/clinic.backup"),
                    restored = dir.file("restored.db");
  const Seeded seeded = seed(db);
  ServerProcess server(db);
  Client c{server.port()};
  ASSERT_EQ(c.login("coordinator.a").status, 200);
  const std::string path = "/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/questionnaires";
  const nlohmann::json body = {{"instrument", "nrs"}, {"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}};

  // One writer: at most one submission is between its commit and its acknowledgement.
  std::atomic<bool> stop{false};
  std::atomic<int> acked{0}, refused{0};
  std::thread writer([&] {
    while (!stop) {
      const Reply r = c.post(path, body);
      (r.status == 201 ? acked : refused)++;
    }
  });
  auto wait_for = [&](int n) {
    for (int i = 0; i < 2000 && acked < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  };
  wait_for(20);
  const int before = acked;
  const BinaryRun b = regenpath(dir.file(""), "backup --db " + db + " --out " + backup);
  const int after = acked;
  wait_for(after + 10);
  stop = true;
  writer.join();
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(refused, 0);
  EXPECT_EQ(b.json()["integrity"], "ok");
  EXPECT_EQ(b.json()["schema_version"], store::latest_schema_version());
  EXPECT_FALSE(std::filesystem::exists(backup + ".partial"));

  const auto at_backup = row_counts(backup);
  const std::int64_t answers = at_backup.at("questionnaire_responses");
  EXPECT_GE(answers, before);
  EXPECT_LE(answers, after + 1);
  EXPECT_LT(answers, row_counts(db).at("questionnaire_responses"));  // the writes went on
  {
    // Each answer came with its score rows, in the same commit.
    SQLite::Database d(backup, SQLite::OPEN_READONLY);
    EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM questionnaire_responses r WHERE NOT EXISTS "
                           "(SELECT 1 FROM response_scores s WHERE s.response_id = r.id)")
                  .getInt(),
              0);
  }

  const BinaryRun r = regenpath(dir.file(""), "restore --in " + backup + " --db " + restored);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["integrity"], "ok");
  EXPECT_EQ(row_counts(restored), at_backup);

  const BinaryRun check = regenpath(dir.file(""), "db check --db " + restored);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.json()["integrity"], "ok") << check.out;
  const BinaryRun verify = regenpath(dir.file(""), "audit verify --db " + restored);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.json()["verdict"], "tampered") << verify.out;
  EXPECT_EQ(verify.json()["rows"], at_backup.at("audit_log")) << verify.out;

  // A database is there now: replaced only when told.
  const BinaryRun again = regenpath(dir.file(""), "restore --in " + backup + " --db " + db);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already holds a database"), std::string::npos) << again.err;
  EXPECT_EQ(regenpath(dir.file(""), "restore --in " + backup + " --db " + restored + " --force").exit_code, 0);
  EXPECT_EQ(row_counts(restored), at_backup);
}

TEST(BackupRestore, RefusesWhatIsNoDatabaseAndABackupOverTheDatabase) {
  TempDir dir;
  seed(dir.file("clinic.db"));
  const BinaryRun onto =
      regenpath(dir.file(""), "backup --db " + dir.file("clinic.db") + " --out " + dir.file("clinic.db"));
  EXPECT_EQ(onto.exit_code, 2);
  EXPECT_NE(onto.err.find("is the database itself"), std::string::npos) << onto.err;
  EXPECT_EQ(regenpath(dir.file(""), "db check --db " + dir.file("clinic.db")).exit_code, 0);
  EXPECT_EQ(regenpath(dir.file(""), "backup --db " + dir.file("none.db") + " --out " + dir.file("b")).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir.file("b")));
  EXPECT_EQ(regenpath(dir.file(""), "restore --in " + dir.file("none.db") + " --db " + dir.file("r.db")).exit_code, 2);
}

}  // namespace
}  // namespace rp::test
