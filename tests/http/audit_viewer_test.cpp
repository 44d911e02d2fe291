// The audit viewer over HTTP and at the command line: who read or changed which record,
// filtered by patient, user and days, a page at a time, as CSV; an admin sees their own
// centre's rows only, and every search is itself audited.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "audit_test_support.hpp"
#include "base/clock.hpp"

namespace rp::test {
namespace {

// 1300/01/01 in Persian digits, percent-encoded as a browser sends it.
const std::string kJalali1300 = "%DB%B1%DB%B3%DB%B0%DB%B0/%DB%B0%DB%B1/%DB%B0%DB%B1";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

class AuditViewer : public ::testing::Test {
 protected:
  void SetUp() override {
    seeded_ = seed(dir_.file("clinic.db"));
    server_ = std::make_unique<ServerProcess>(dir_.file("clinic.db"));
    for (Client* c : {&coordinator_a_, &coordinator_b_, &admin_a_, &admin_b_}) c->port = server_->port();
    ASSERT_EQ(coordinator_a_.login("coordinator.a").status, 200);
    ASSERT_EQ(coordinator_b_.login("coordinator.b").status, 200);
    ASSERT_EQ(admin_a_.login("admin.a").status, 200);
    ASSERT_EQ(admin_b_.login("admin.b").status, 200);
    // Reads to find: coordinator.a opens and searches centre a's patient; coordinator.b
    // opens centre b's.
    ASSERT_EQ(coordinator_a_.get("/api/v1/patients/" + std::to_string(seeded_.patient_a)).status, 200);
    ASSERT_EQ(coordinator_a_.get("/api/v1/patients?q=Test").status, 200);
    ASSERT_EQ(coordinator_b_.get("/api/v1/patients/" + std::to_string(seeded_.patient_b)).status, 200);
  }

  nlohmann::json rows(const Client& c, const std::string& query) {
    const Reply r = c.get("/api/v1/audit/rows" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json()["rows"];
  }

  TempDir dir_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_a_, coordinator_b_, admin_a_, admin_b_;
};

TEST_F(AuditViewer, AnAdminSeesTheirCentreNewestFirst) {
  const auto all = rows(admin_a_, "");
  ASSERT_FALSE(all.empty());
  bool read_a = false;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i]["centre"], "a") << all[i].dump();  // centre b's rows never reach admin.a
    if (i) {
      EXPECT_LT(all[i]["seq"].get<std::int64_t>(), all[i - 1]["seq"].get<std::int64_t>());
    }
    read_a |= all[i]["action"] == "patient.read" && all[i]["actor"] == "coordinator.a" &&
              all[i]["entity_id"] == std::to_string(seeded_.patient_a);
  }
  EXPECT_TRUE(read_a) << all.dump();
  // Centre b's admin sees coordinator.b's read and nothing of centre a.
  bool read_b = false;
  for (const auto& r : rows(admin_b_, "")) {
    EXPECT_EQ(r["centre"], "b");
    read_b |= r["action"] == "patient.read" && r["actor"] == "coordinator.b";
  }
  EXPECT_TRUE(read_b);
  // Clinicians may not ask.
  EXPECT_EQ(coordinator_a_.get("/api/v1/audit/rows").status, 403);
  EXPECT_EQ(coordinator_a_.get("/api/v1/audit/rows.csv").status, 403);
}

TEST_F(AuditViewer, FiltersByPatientUserAndDays) {
  const auto about_a = rows(admin_a_, "?patient=" + std::to_string(seeded_.patient_a));
  ASSERT_FALSE(about_a.empty());
  bool listed = false, opened = false;
  for (const auto& r : about_a) {
    listed |= r["action"] == "patient.search" && r["via"] == "list";
    opened |= r["action"] == "patient.read" && r["via"] == "record";
  }
  EXPECT_TRUE(listed && opened) << about_a.dump();
  // Another centre's patient is not found, as anywhere else.
  Reply r = admin_a_.get("/api/v1/audit/rows?patient=" + std::to_string(seeded_.patient_b));
  EXPECT_EQ(r.status, 404) << r.body;
  r = admin_a_.get("/api/v1/audit/rows?patient=abc");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "patient");

  const auto by_user = rows(admin_a_, "?user=coordinator.a");
  ASSERT_FALSE(by_user.empty());
  for (const auto& row : by_user) EXPECT_EQ(row["actor"], "coordinator.a");
  EXPECT_TRUE(rows(admin_a_, "?user=nobody.here").empty());

  // Days in Tehran, both inclusive, Gregorian or Jalali.
  const std::string today = Clock::system().today().iso();
  const std::string tomorrow = Clock::system().today().plus_days(1).iso();
  const auto since_today = rows(admin_a_, "?user=coordinator.a&from=" + today + "&to=" + today);
  EXPECT_EQ(since_today.size(), by_user.size());
  EXPECT_TRUE(rows(admin_a_, "?user=coordinator.a&from=" + tomorrow).empty());
  EXPECT_EQ(rows(admin_a_, "?user=coordinator.a&from_jalali=" + kJalali1300).size(), by_user.size());
  r = admin_a_.get("/api/v1/audit/rows?from=" + today + "&to=2020-01-01");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "to");
  r = admin_a_.call("GET", "/api/v1/audit/rows?from=2026-02-30", "", {{"Accept-Language", "fa"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "from");
}

TEST_F(AuditViewer, PagesAreBoundedAndDoNotOverlap) {
  const auto all = rows(admin_a_, "?limit=1000");
  ASSERT_GE(all.size(), 4u);
  Reply r = admin_a_.get("/api/v1/audit/rows?limit=2");
  ASSERT_EQ(r.status, 200);
  auto page = r.json();
  ASSERT_EQ(page["rows"].size(), 2u);
  ASSERT_TRUE(page["next_before"].is_number());
  EXPECT_EQ(page["next_before"], page["rows"][1]["seq"]);
  std::set<std::int64_t> seen;
  for (const auto& row : page["rows"]) seen.insert(row["seq"].get<std::int64_t>());
  r = admin_a_.get("/api/v1/audit/rows?limit=2&before=" + std::to_string(page["next_before"].get<std::int64_t>()));
  ASSERT_EQ(r.status, 200);
  const nlohmann::json older = r.json();  // kept: the loop refers into it
  for (const auto& row : older["rows"]) {
    EXPECT_LT(row["seq"].get<std::int64_t>(), page["next_before"].get<std::int64_t>());
    EXPECT_TRUE(seen.insert(row["seq"].get<std::int64_t>()).second);
  }
  // The last page says so.
  r = admin_a_.get("/api/v1/audit/rows?limit=1000&user=coordinator.a");
  EXPECT_TRUE(r.json()["next_before"].is_null());
  for (const char* bad : {"0", "1001", "-1", "many"}) {
    r = admin_a_.get(std::string("/api/v1/audit/rows?limit=") + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json()["error"]["field"], "limit");
  }
  // The export takes up to 10,000 rows.
  EXPECT_EQ(admin_a_.get("/api/v1/audit/rows.csv?limit=10000").status, 200);
  EXPECT_EQ(admin_a_.get("/api/v1/audit/rows.csv?limit=10001").status, 422);
}

TEST_F(AuditViewer, EverySearchIsAudited) {
  const Reply r = admin_a_.get("/api/v1/audit/rows?patient=" + std::to_string(seeded_.patient_a));
  ASSERT_EQ(r.status, 200);
  const auto newest = rows(admin_a_, "?user=admin.a&limit=5");
  bool found = false;
  for (const auto& row : newest)
    found |= row["action"] == "audit.search" && row["entity"] == "patient" &&
             row["entity_id"] == std::to_string(seeded_.patient_a);
  EXPECT_TRUE(found) << newest.dump();
}

TEST_F(AuditViewer, CsvExportHasAHeaderRowAndTheSameRows) {
  const auto json_rows = rows(admin_a_, "?user=coordinator.a");
  const Reply r = admin_a_.get("/api/v1/audit/rows.csv?user=coordinator.a");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.header("content-disposition").find("attachment; filename=\"audit-"), std::string::npos);
  ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
  const auto lines = lines_of(r.body.substr(3));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "seq,at,actor,role,centre,action,entity,entity_id,via,detail");
  ASSERT_EQ(lines.size(), json_rows.size() + 1);
  for (std::size_t i = 0; i < json_rows.size(); ++i)
    EXPECT_EQ(lines[i + 1].substr(0, lines[i + 1].find(',')), std::to_string(json_rows[i]["seq"].get<std::int64_t>()));
  // The admin's own search rows carry a comma in their detail: quoted, not split.
  const Reply mine = admin_a_.get("/api/v1/audit/rows.csv?user=admin.a");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find(" rows, user coordinator.a\"\r\n"), std::string::npos) << mine.body;
}

TEST_F(AuditViewer, TheCommandLineAsksTheSame) {
  BinaryRun run = regenpath(dir_.file(""), "audit search --db " + dir_.file("clinic.db") + " --user coordinator.b");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto page = run.json();
  ASSERT_FALSE(page["rows"].empty()) << run.out;
  for (const auto& row : page["rows"]) EXPECT_EQ(row["actor"], "coordinator.b");  // the operator sees every centre
  run = regenpath(dir_.file(""), "audit search --db " + dir_.file("clinic.db") + " --user coordinator.b --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(lines_of(run.out.substr(3))[0], "seq,at,actor,role,centre,action,entity,entity_id,via,detail");
  EXPECT_EQ(lines_of(run.out.substr(3)).size(), page["rows"].size() + 1);
  run = regenpath(dir_.file(""), "audit search --db " + dir_.file("clinic.db") + " --limit 0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("limit"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace rp::test
