// GET /api/v1/registry/export over real HTTP on a seeded server: the analyst gets every
// centre's de-identified rows as NDJSON (no record number, name, national id or mobile in
// the bytes), a centre's admin only their centre's and a 403 for another, a surgeon a 403,
// and a format other than ndjson a 422 naming the parameter.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

std::vector<nlohmann::json> lines(const std::string& body) {
  std::vector<nlohmann::json> out;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

TEST(RegistryExportHttp, TheAnalystExportsEveryCentreDeidentifiedAndAnAdminOnlyTheirs) {
  TempDir dir;
  const std::string db = dir.file("export.db");
  seed(db);
  ServerProcess server(db);
  Client analyst{server.port()};
  ASSERT_EQ(analyst.login("analyst.a").status, 200);
  const Reply all = analyst.get("/api/v1/registry/export?format=ndjson");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_NE(all.header("content-type").find("application/x-ndjson"), std::string::npos);
  std::set<std::string> centres;
  int patients = 0;
  for (const auto& l : lines(all.body)) {
    if (l["table"] != "patients") continue;
    ++patients;
    centres.insert(l["row"]["centre"].get<std::string>());
    EXPECT_EQ(l["row"]["patient"].get<std::string>().rfind("P-", 0), 0u) << l;
  }
  EXPECT_EQ(patients, 2);
  EXPECT_EQ(centres, (std::set<std::string>{"a", "b"}));
  const Patient seeded = test_patient("a", "MRN-a");
  for (const std::string& identifier :
       {std::string("MRN-a"), std::string("MRN-b"), seeded.name_latin, seeded.name_fa, test_national_id("MRN-a"),
        test_national_id("MRN-b"), std::string("9121234567"), seeded.birth_date.iso()})
    EXPECT_EQ(all.body.find(identifier), std::string::npos) << identifier;

  Client admin{server.port()};
  ASSERT_EQ(admin.login("admin.b").status, 200);
  const Reply own = admin.get("/api/v1/registry/export");
  ASSERT_EQ(own.status, 200) << own.body;
  for (const auto& l : lines(own.body)) {
    if (l["table"] == "patients" || l["table"] == "episodes") {
      EXPECT_EQ(l["row"]["centre"], "b") << l;
    }
  }
  EXPECT_EQ(admin.get("/api/v1/registry/export?centre=a").status, 403);

  Client surgeon{server.port()};
  ASSERT_EQ(surgeon.login("surgeon.a").status, 200);
  EXPECT_EQ(surgeon.get("/api/v1/registry/export").status, 403);
  const Reply csv = analyst.get("/api/v1/registry/export?format=csv");
  EXPECT_EQ(csv.status, 422) << csv.body;
  EXPECT_NE(csv.body.find("format"), std::string::npos) << csv.body;
}

}  // namespace
}  // namespace rp::test
