// The audit log as the running server keeps it: the admin's check (the head signed first)
// and who-saw routes, and the anchors it signs at intervals, into the anchor file and its
// copy, checked against the log when it starts.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <thread>

#include "audit_test_support.hpp"

namespace rp::test {
namespace {

// The admin's screens: the check signs the head first, so the server's own log has no
// unanchored tail; who saw a patient of the admin's centre, and none of another's.
TEST(AuditAdminRoutes, CheckAndWhoSaw) {
  TempDir dir;
  const Seeded seeded = seed(dir.file("clinic.db"));
  ServerProcess server(dir.file("clinic.db"));
  Client coordinator{server.port()}, admin{server.port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  ASSERT_EQ(admin.login("admin.a").status, 200);
  ASSERT_EQ(coordinator.get("/api/v1/patients?q=Test").status, 200);

  Reply r = admin.get("/api/v1/audit/verify");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["verdict"], "intact") << r.body;
  EXPECT_EQ(r.json()["unanchored_rows"], 0);
  EXPECT_EQ(r.json()["records"]["checked"], 4);

  r = admin.get("/api/v1/audit/who-saw?patient=" + std::to_string(seeded.patient_a));
  ASSERT_EQ(r.status, 200) << r.body;
  bool search = false;
  for (const auto& row : r.json()) search |= row["action"] == "patient.search" && row["via"] == "list";
  EXPECT_TRUE(search) << r.body;
  EXPECT_EQ(admin.get("/api/v1/audit/who-saw?patient=" + std::to_string(seeded.patient_b)).status, 404);
  EXPECT_EQ(coordinator.get("/api/v1/audit/who-saw?patient=" + std::to_string(seeded.patient_a)).status, 403);
  r = admin.get("/api/v1/audit/who-saw");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "patient") << r.body;
}

// While the head moves the server signs it every interval, into the anchor file and its
// copy; a server started on a log cut while it was stopped says so in its log.
TEST(AuditAnchoring, AtIntervalsIntoTheFileAndItsCopyAndCheckedAtStart) {
  TempDir dir;
  const Seeded seeded = seed(dir.file("clinic.db"));
  const std::string copy = dir.file("copy.anchors");
  const std::vector<std::string> env = {"REGENPATH_AUDIT_ANCHOR_INTERVAL_S=1", "REGENPATH_AUDIT_ANCHOR_COPY=" + copy};
  auto lines = [](const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  };
  auto head_seq = [&] {
    SQLite::Database raw(dir.file("clinic.db"));
    return raw.execAndGet("SELECT MAX(seq) FROM audit_log").getInt64();
  };
  {
    ServerProcess server(dir.file("clinic.db"), env, dir.file("log"));
    Client coordinator{server.port()};
    ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
    ASSERT_EQ(coordinator.get("/api/v1/patients/" + std::to_string(seeded.patient_a)).status, 200);
    const std::int64_t head = head_seq();
    bool anchored = false;
    for (int i = 0; i < 50 && !anchored; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      const auto now = lines(dir.file("clinic.db.anchors"));
      anchored = !now.empty() && now.back().find(" seq=" + std::to_string(head) + " ") != std::string::npos;
    }
    EXPECT_TRUE(anchored) << "no anchor of row " << head << " within 5 s";
  }
  EXPECT_EQ(lines(copy), lines(dir.file("clinic.db.anchors")));
  EXPECT_EQ(slurp(dir.file("log")).find("does not match its last signed anchor"), std::string::npos);
  // A restart with nothing new to vouch for adds no line.
  const std::size_t anchored = lines(dir.file("clinic.db.anchors")).size();
  { ServerProcess idle(dir.file("clinic.db"), env, dir.file("log")); }
  EXPECT_EQ(lines(dir.file("clinic.db.anchors")).size(), anchored);
  // The last row cut while no server runs: the next start says so.
  SQLite::Database(dir.file("clinic.db"), SQLite::OPEN_READWRITE)
      .exec("DELETE FROM audit_log WHERE seq = " + std::to_string(head_seq()));
  { ServerProcess again(dir.file("clinic.db"), env, dir.file("log")); }
  EXPECT_NE(slurp(dir.file("log")).find("does not match its last signed anchor"), std::string::npos)
      << slurp(dir.file("log"));
}

}  // namespace
}  // namespace rp::test
