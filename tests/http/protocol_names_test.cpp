// A protocol named in a request is an id of the catalogue the server loaded at start,
// never a path: whatever text arrives (a system file, the live database, a device that
// never ends, a relative path), the answer is the same "unknown protocol", and nothing is
// opened. Opening the database file with a second handle would drop the server's POSIX
// locks on it, after which any other SQLite client deletes the live WAL and acknowledged
// records vanish at the next restart: that scenario is replayed here.
#include <gtest/gtest.h>

#include <cstdlib>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

TEST(ProtocolNames, AreCatalogueIdsNeverPaths) {
  TempDir dir;
  const std::string db = dir.file("names.db");
  const Seeded seeded = seed(db);
  ServerProcess server(db);
  Client analyst{server.port()}, coordinator{server.port()};
  ASSERT_EQ(analyst.login("analyst.a").status, 200);
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);

  const Reply unknown = analyst.get("/api/v1/reports/outcomes?protocol=no-such-protocol");
  ASSERT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(unknown.json()["error"]["field"], "protocol");
  const std::string episodes = "/api/v1/patients/" + std::to_string(seeded.patient_a) + "/episodes";
  auto open_episode = [&](const std::string& protocol) {
    return coordinator.post(episodes, {{"protocol", protocol}, {"side", "left"}, {"diagnosis", {{"code", "M16.12"}}}});
  };
  const Reply unknown_episode = open_episode("no-such-protocol");
  ASSERT_EQ(unknown_episode.status, 404) << unknown_episode.body;

  const std::string source = RP_SOURCE_DIR;
  for (const std::string& name :
       {std::string("/etc/shadow"), std::string("/etc/passwd"), db, std::string("/dev/zero"),
        std::string("../protocols/hip-msc-v1"), source + "/protocols/hip-msc-v1.yaml", std::string("hip-msc-v1.yaml"),
        std::string("protocols/hip-msc-v1"), std::string("./hip-msc-v1")}) {
    SCOPED_TRACE(name);
    const Reply report = analyst.get("/api/v1/reports/outcomes?protocol=" + percent_encoded(name));
    EXPECT_EQ(report.status, unknown.status);
    EXPECT_EQ(report.body, unknown.body);  // the same answer, whether or not such a file exists
    EXPECT_EQ(report.body.find("root:"), std::string::npos);
    const Reply opened = open_episode(name);
    EXPECT_EQ(opened.status, unknown_episode.status);
    EXPECT_EQ(opened.body, unknown_episode.body);
  }
  // Known ids still work, for either protocol.
  EXPECT_EQ(analyst.get("/api/v1/reports/outcomes?protocol=knee-prp-test").status, 200);
  EXPECT_EQ(analyst.get("/api/v1/protocols/" + percent_encoded("../protocols/hip-msc-v1")).status, 404);

  // Acknowledged writes after a request named the database: another SQLite client (the
  // audit check) runs beside the server, the server restarts, and every write is there.
  std::vector<std::int64_t> created;
  for (int i = 0; i < 5; ++i) {
    const Reply r =
        coordinator.post("/api/v1/patients", {{"mrn", "WAL-" + std::to_string(i)},
                                              {"name_fa", "بیمار"},
                                              {"name_latin", "Kept"},
                                              {"sex", "female"},
                                              {"birth_date", "1960-01-01"},
                                              {"mobile", "09121234567"},
                                              {"national_id", test_national_id("WAL-" + std::to_string(i))}});
    ASSERT_EQ(r.status, 201) << r.body;
    created.push_back(r.json()["id"].get<std::int64_t>());
    analyst.get("/api/v1/reports/outcomes?protocol=" + percent_encoded(db));
  }
  const std::string verify = std::string(RP_BINARY) + " audit verify --db " + db + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(verify.c_str()), 0);
  server.stop(SIGKILL);
  ServerProcess again(db);
  Client reader{again.port()};
  ASSERT_EQ(reader.login("coordinator.a").status, 200);
  for (std::int64_t id : created)
    EXPECT_EQ(reader.get("/api/v1/patients/" + std::to_string(id)).status, 200) << "patient " << id << " was lost";
}

}  // namespace
}  // namespace rp::test
