// /metrics stays small whatever clients send: methods nobody defined share one label, as
// do paths no route matches, so unauthenticated requests cannot add series. With a
// metrics_token configured, /metrics answers only a scraper that sends it.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <sstream>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

// The regenpath_http_requests_total series of a /metrics body.
std::vector<std::string> request_series(const std::string& metrics) {
  std::vector<std::string> out;
  std::istringstream lines(metrics);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("regenpath_http_requests_total{", 0) == 0) out.push_back(line);
  return out;
}

std::string invented_method(std::mt19937& rng) {
  std::uniform_int_distribution<int> length(3, 12), letter('A', 'Z');
  std::string m(static_cast<std::size_t>(length(rng)), 'A');
  for (auto& c : m) c = static_cast<char>(letter(rng));
  return m;
}

TEST(MetricsAccess, InventedMethodsAndPathsAddNoSeries) {
  TempDir dir;
  seed(dir.file("metrics.db"));
  ServerProcess server(dir.file("metrics.db"));
  std::mt19937 rng(20260501);
  std::set<std::string> methods;
  for (int i = 0; i < 300; ++i) {
    const std::string method = invented_method(rng);
    methods.insert(method);
    // Half on a real route (405), half on paths nobody serves (404).
    const std::string path = i % 2 ? "/api/v1/patients" : "/api/v1/made-up-" + std::to_string(i);
    std::string request = method;
    request.append(" ").append(path).append(
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    const Reply r = raw_exchange(server.port(), request);
    ASSERT_TRUE(r.status == 404 || r.status == 405) << method << " " << path << ": " << r.status;
  }
  const Reply m = Client{server.port()}.get("/metrics");
  ASSERT_EQ(m.status, 200);
  const auto series = request_series(m.body);
  // unmatched x other x {404, 405}: a fixed handful, not one per method.
  EXPECT_LE(series.size(), 4u) << m.body.substr(0, 2000);
  EXPECT_LT(m.body.size(), 8192u);
  for (const auto& method : methods) {
    ASSERT_EQ(m.body.find("method=\"" + method + "\""), std::string::npos) << method;
  }
  EXPECT_NE(m.body.find("regenpath_http_requests_total{route=\"unmatched\",method=\"other\",status=\"405\"} 150"),
            std::string::npos)
      << m.body.substr(0, 2000);
  EXPECT_NE(m.body.find("regenpath_http_requests_total{route=\"unmatched\",method=\"other\",status=\"404\"} 150"),
            std::string::npos)
      << m.body.substr(0, 2000);
}

TEST(MetricsAccess, AConfiguredTokenIsRequiredAsABearerToken) {
  const std::string token = "metrics-7f3c9a1e5b2d4c6e8a0b";
  TempDir dir;
  seed(dir.file("metrics.db"));
  ServerProcess server(dir.file("metrics.db"), {"REGENPATH_METRICS_TOKEN=" + token});
  const Client anyone{server.port()};
  const auto expect_refused = [](const Reply& r) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.header("www-authenticate"), "Bearer realm=\"regenpath metrics\"");
    EXPECT_EQ(r.json()["error"]["field"], "Authorization") << r.body;
    EXPECT_EQ(r.body.find("regenpath_http_requests_total"), std::string::npos);
  };
  expect_refused(anyone.get("/metrics"));
  expect_refused(anyone.call("GET", "/metrics", "", {{"Authorization", "Bearer " + std::string(token.size(), 'x')}}));
  expect_refused(anyone.call("GET", "/metrics", "", {{"Authorization", "Bearer " + token.substr(0, 16)}}));
  expect_refused(anyone.call("GET", "/metrics", "", {{"Authorization", "Bearer " + token + "x"}}));
  expect_refused(anyone.call("GET", "/metrics", "", {{"Authorization", "Basic " + token}}));
  expect_refused(anyone.call("GET", "/metrics", "", {{"Authorization", token}}));
  const Reply persian = anyone.call("GET", "/metrics", "", {{"Accept-Language", "fa"}});
  EXPECT_EQ(persian.status, 401);
  EXPECT_EQ(persian.json()["error"]["message"],
            "توکن سنجه‌ها را در سرآیند Authorization: Bearer <token> بفرستید");
  const Reply english = anyone.get("/metrics");
  EXPECT_EQ(english.json()["error"]["message"], "send the metrics token as Authorization: Bearer <token>");

  for (const std::string scheme : {"Bearer ", "bearer "}) {
    const Reply ok = anyone.call("GET", "/metrics", "", {{"Authorization", scheme + token}});
    EXPECT_EQ(ok.status, 200) << scheme;
    EXPECT_NE(ok.body.find("regenpath_http_requests_total"), std::string::npos) << scheme;
  }
  // The token guards /metrics only: health checks and the API need none.
  EXPECT_EQ(anyone.get("/healthz").status, 200);
}

}  // namespace
}  // namespace rp::test
