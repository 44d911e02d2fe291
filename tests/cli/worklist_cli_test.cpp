// The worklist from the command line, as the operator runs it: the day's items with the
// overdue visit, closing an item whose window closed as missed (refusals exit 2 naming
// the field and write nothing), in bulk before a day, and reopening one.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "base/clock.hpp"
#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string worklist_db_arg() { return "--db " + (scratch() / "worklist.db").string(); }

std::string day(int offset) { return Clock::system().today().plus_days(offset).iso(); }

std::string schedule_and_closures() {
  SQLite::Database db((scratch() / "worklist.db").string());
  std::string out;
  for (const char* sql : {"SELECT item_id, status FROM schedule_items ORDER BY 1",
                          "SELECT item_id, action, reason FROM schedule_closures ORDER BY id"}) {
    SQLite::Statement q(db, sql);
    while (q.executeStep())
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + ' ';
  }
  return out;
}

nlohmann::json find(const nlohmann::json& rows, const std::string& item) {
  for (const auto& r : rows)
    if (r["item"]["id"] == item) return r;
  return nullptr;
}

TEST(WorklistCli, ListCloseInBulkAndReopen) {
  std::filesystem::remove(scratch() / "worklist.db");
  ASSERT_EQ(
      run("centre add " + worklist_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed",
          "")
          .exit_code,
      0);
  auto r = run("patient add " + worklist_db_arg() +
                   " --centre c1 --mrn W-1 --name-fa 'مریم رضایی' --name-latin 'Maryam Rezaei' --sex female"
                   " --birth-date 1966-08-03 --mobile 09123456789 --national-id 0013542419 --consent treatment",
               "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(run("episode add " + worklist_db_arg() + " --patient 1 --side right --diagnosis M16.11", "").exit_code, 0);
  r = run("episode plan 1 --harvest " + day(-30) + " --injection " + day(-16) + " --reason 'from paper' " +
              worklist_db_arg(),
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = run("worklist list --centre c1 " + worklist_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto w = r.json();
  EXPECT_EQ(w["date"], day(0));
  ASSERT_FALSE(find(w["items"], "visit-2w").is_null()) << w.dump();
  EXPECT_EQ(find(w["items"], "visit-2w")["item"]["group"], "overdue");
  EXPECT_EQ(find(w["items"], "visit-2w")["mobile"], "+989123456789");
  ASSERT_FALSE(find(w["window_closed"], "workup-mri").is_null());
  r = run("worklist list --centre c1 --kind order " + worklist_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto orders = r.json();
  for (const auto& row : orders["window_closed"]) EXPECT_EQ(row["item"]["kind"], "order");

  // Refused: exit 2, the field named, nothing written.
  const std::string before = schedule_and_closures();
  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {"worklist close --episode 1 --item workup-mri --reason forgot", "reason"},
           {"worklist close --episode 1 --item workup-mri --reason other", "note"},
           {"worklist close --episode 1 --item visit-2w --reason declined", "item"},
           {"worklist close --episode 1 --item nothing --reason declined", "item"},
           {"worklist close-before --centre c1 --before " + day(2) + " --reason declined", "before"},
           {"worklist close-before --centre c1 --reason declined", "before"},
           {"worklist reopen --episode 1 --item workup-mri --reason 'not closed'", "item"},
           {"worklist list --centre c1 --responsible janitor", "responsible"},
       }) {
    const auto bad = run(args + " " + worklist_db_arg(), "");
    EXPECT_EQ(bad.exit_code, 2) << args << " " << bad.err;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
    EXPECT_TRUE(bad.out.empty()) << args;
  }
  EXPECT_EQ(schedule_and_closures(), before);

  r = run("worklist close --episode 1 --item workup-mri --reason other --note 'done elsewhere' --by dr.a " +
              worklist_db_arg(),
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["item"]["status"], "missed");
  EXPECT_EQ(r.json()["closure"]["by"], "cli:dr.a");
  // Every other window closed before 40 days ago: the rest of the work-up and the consultation.
  r = run(
      "worklist close-before --centre c1 --before " + day(-40) + " --reason patient_unreachable " + worklist_db_arg(),
      "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> closed;
  const auto bulk = r.json();
  for (const auto& row : bulk["items"]) closed.insert(row["item"]["id"]);
  EXPECT_EQ(closed, (std::set<std::string>{"consultation", "workup-blood", "workup-exam", "workup-xray"})) << r.out;
  w = run("worklist list --centre c1 " + worklist_db_arg(), "").json();
  EXPECT_TRUE(find(w["window_closed"], "workup-xray").is_null());
  EXPECT_FALSE(find(w["window_closed"], "prom-baseline").is_null()) << "its window closed later";

  r = run("worklist reopen --episode 1 --item workup-xray --reason 'the film was found' " + worklist_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  w = run("worklist list --centre c1 " + worklist_db_arg(), "").json();
  EXPECT_FALSE(find(w["window_closed"], "workup-xray").is_null());
  SQLite::Database db((scratch() / "worklist.db").string());
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log WHERE action = 'schedule.close_missed'").getInt(), 5);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log WHERE action = 'schedule.reopen'").getInt(), 1);
}

}  // namespace
}  // namespace rp::cli_test
