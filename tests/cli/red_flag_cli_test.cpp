// Acknowledging a patient's red flag from the command line, as the operator on behalf of
// a clinician: what was done and the clinician's role are recorded (the patient's portal
// shows the role), with one audit row; bad input exits 2 naming the field and writes
// nothing; a flag is acknowledged once.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

TEST(RedFlagCli, AcknowledgeRecordsWhatWasDoneAndTheRole) {
  const std::string dir = (scratch() / "flags-demo").string();
  std::filesystem::remove_all(dir);
  auto r = run("demo --no-serve --today 2026-11-24 --data " + dir, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string db = dir + "/demo.db";
  std::int64_t flag = 0, audit_before = 0;
  {
    SQLite::Database d(db);
    flag = d.execAndGet("SELECT MIN(id) FROM adverse_events WHERE kind = 'red_flag' AND status = 'open'").getInt64();
    audit_before = d.execAndGet("SELECT COUNT(*) FROM audit_log").getInt64();
  }
  ASSERT_GT(flag, 0) << "the demo has an open red flag";
  const std::string ack = "event acknowledge " + std::to_string(flag) + " --db " + db;

  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {" --action waved", "action"},
           {" --action called --role lab", "role"},
           {" --action called --note " + std::string(2001, 'x'), "note"},
       }) {
    const auto bad = run(ack + args, "");
    EXPECT_EQ(bad.exit_code, 2) << args;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
  }
  r = run("event acknowledge " + std::to_string(flag) + " --db " + db, "");
  EXPECT_NE(r.exit_code, 0) << "--action is required";
  {
    SQLite::Database d(db);
    EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM audit_log").getInt64(), audit_before);
    EXPECT_EQ(d.execAndGet("SELECT status FROM adverse_events WHERE id = " + std::to_string(flag)).getString(), "open");
  }

  r = run(ack + " --action asked_to_come_in --note 'Comes in tomorrow at nine' --by dr-karimi --role coordinator", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["status"], "acknowledged");
  EXPECT_EQ(r.json()["ack_action"], "asked_to_come_in");
  EXPECT_EQ(r.json()["ack_note"], "Comes in tomorrow at nine");
  EXPECT_EQ(r.json()["acknowledged_role"], "coordinator");
  EXPECT_EQ(r.json()["acknowledged_by"], "cli:dr-karimi");
  {
    SQLite::Database d(db);
    EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM audit_log").getInt64(), audit_before + 1);
    SQLite::Statement q(d, "SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1");
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getString(), "red_flag.acknowledge");
    EXPECT_NE(q.getColumn(1).getString().find("asked_to_come_in"), std::string::npos);
  }
  r = run(ack + " --action called", "");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.error_field(), "status");
  r = run("audit verify --db " + db, "");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
}  // namespace rp::cli_test
