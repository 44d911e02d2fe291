// Role × route × centre, generated from the route table (the served OpenAPI document):
// every operation is called by every role (each staff role, a patient, and nobody) with
// ids of the caller's own centre and of the other centre. Each cell must be either
// refused (401 without a session, 403 for a role the route does not list) or allowed;
// an allowed call with the other centre's ids must find nothing (404) or fail
// validation first (422), never succeed or reveal a conflict. No cell goes untested.
#include <gtest/gtest.h>

#include <set>

#include "http_test_support.hpp"
#include "service/accounts.hpp"

namespace rp::test {
namespace {

struct Ids {
  std::int64_t patient = 0, episode = 0;
};

std::string fill(std::string path, const Ids& ids, const std::string& centre) {
  auto replace = [&](const std::string& name, const std::string& value) {
    if (auto pos = path.find("{" + name + "}"); pos != std::string::npos) path.replace(pos, name.size() + 2, value);
  };
  replace("patient_id", std::to_string(ids.patient));
  replace("episode_id", std::to_string(ids.episode));
  replace("event_id", "999999");
  replace("account_id", "999999");
  replace("centre_id", centre);
  replace("item_id", "visit-2w");
  replace("token", "00000000000000000000000000000000");
  replace("protocol_id", "hip-msc-v1");
  return path;
}

// Path parameters that name shared data, not a centre's records: the same for every centre.
bool centre_scoped(const std::string& path) {
  std::string rest = path;
  for (const char* shared : {"{protocol_id}"}) {
    if (auto pos = rest.find(shared); pos != std::string::npos) rest.erase(pos, std::string(shared).size());
  }
  return rest.find('{') != std::string::npos;
}

TEST(RoleRouteCentreMatrix, EveryCellIsAllowedOrRefused) {
  TempDir dir;
  const Seeded seeded = seed(dir.file("matrix.db"));
  ServerProcess server(dir.file("matrix.db"), {}, dir.file("log"));
  const int port = server.port();
  const nlohmann::json doc = Client{port}.get("/api/v1/openapi.json").json();
  ASSERT_TRUE(doc.contains("paths"));

  // Callers: every staff role at centre a, a patient of centre a, and nobody.
  std::map<std::string, Client> callers;
  for (auto role : service::kStaffRoles) {
    Client c{port};
    ASSERT_EQ(c.login(std::string(role) + ".a").status, 200) << role;
    callers[std::string(role)] = c;
  }
  callers["patient"] = patient_client(port, dir.file("log"), seeded.patient_a);
  ASSERT_NE(callers["patient"].port, 0);
  callers["public"] = Client{port};

  const Ids own{seeded.patient_a, seeded.episode_a}, other{seeded.patient_b, seeded.episode_b};
  int cells = 0;
  std::vector<std::pair<std::string, std::string>> ops;
  for (const auto& [path, methods] : doc["paths"].items())
    for (const auto& [method, op] : methods.items()) ops.emplace_back(method, path);
  // Logout last, or it would end the sessions the other cells use.
  std::stable_partition(ops.begin(), ops.end(), [](const auto& o) { return o.second != "/api/v1/auth/logout"; });

  for (const auto& [method_lower, path] : ops) {
    const auto& op = doc["paths"][path][method_lower];
    std::string method = method_lower;
    for (auto& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::set<std::string> roles = op["x-roles"].get<std::set<std::string>>();
    const bool is_public = roles.count("public") > 0;
    const bool scoped = centre_scoped(path);
    for (const auto& [who, client] : callers) {
      for (const bool other_centre : {false, true}) {
        if (other_centre && !scoped) continue;
        const std::string target = fill(path, other_centre ? other : own, other_centre ? "b" : "a");
        const Reply r = client.call(method, target, method == "GET" ? "" : "{}");
        ++cells;
        SCOPED_TRACE(who + " " + method + " " + target + " -> " + std::to_string(r.status) + " " + r.body);
        ASSERT_NE(r.status, 0);
        EXPECT_LT(r.status, 500);
        if (is_public) {
          EXPECT_NE(r.status, 403);
          EXPECT_NE(r.status, 401);
        } else if (who == "public") {
          EXPECT_EQ(r.status, 401);
        } else if (!roles.count(who)) {
          EXPECT_EQ(r.status, 403);
        } else if (other_centre && path != "/api/v1/auth/logout" && path != "/api/v1/auth/me") {
          EXPECT_TRUE(r.status == 404 || r.status == 422) << "other centre's record leaked";
        } else {
          EXPECT_NE(r.status, 403);
          EXPECT_NE(r.status, 401);
        }
      }
    }
  }
  // 41+ operations × 8 callers, and the centre dimension for every templated path.
  EXPECT_GT(cells, 400);
  EXPECT_EQ(Client{port}.get("/healthz").status, 200);
}

}  // namespace
}  // namespace rp::test
