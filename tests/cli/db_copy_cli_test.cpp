// `regenpath db copy` as an operator runs it: the demo file copied into a new SQLite file
// prints every table matching and the audit chain verifying on both sides; a second copy
// into the now-filled file is refused with a non-zero exit naming a table, and changes
// nothing there.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

int audit_rows(const std::string& file) {
  SQLite::Database d(file, SQLite::OPEN_READONLY);
  return d.execAndGet("SELECT COUNT(*) FROM audit_log").getInt();
}

TEST(DbCopyCli, CopiesTheDemoIntoAnEmptyFileAndRefusesAFilledOne) {
  const std::string dir = (scratch() / "db-copy").string();
  std::filesystem::remove_all(dir);
  ASSERT_EQ(run("demo --no-serve --patients 8 --today 2026-11-24 --data " + dir, "").exit_code, 0);
  const std::string from = dir + "/demo.db", to = dir + "/copy.db";

  const auto copied = run("db copy --from " + from + " --to sqlite:" + to, "");
  ASSERT_EQ(copied.exit_code, 0) << copied.err;
  const nlohmann::json out = nlohmann::json::parse(copied.out);
  EXPECT_TRUE(out["verified"].get<bool>());
  const nlohmann::json tables = out["tables"];
  ASSERT_GT(tables.size(), 10u);
  for (const auto& t : tables) {
    EXPECT_TRUE(t["matches"].get<bool>()) << t.dump();
    EXPECT_EQ(t["rows"], t["target_rows"]) << t.dump();
  }
  EXPECT_EQ(out["audit"]["target"]["rows"], out["audit"]["source"]["rows"]);
  EXPECT_FALSE(out["audit"]["target"]["tampered"].get<bool>());
  EXPECT_EQ(audit_rows(to), audit_rows(from));

  const int before = audit_rows(to);
  const auto refused = run("db copy --from " + from + " --to " + to, "");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("not empty"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("centres"), std::string::npos) << refused.err;
  EXPECT_EQ(audit_rows(to), before);
}

}  // namespace
}  // namespace rp::cli_test
