// The built web app served beside the API, from a temporary folder named by
// REGENPATH_WEB_DIR: content types, caching, the single-page-app fallback, refused
// traversal and dot-files, security headers, and the "not built" page.
#include <gtest/gtest.h>

#include <fstream>

#include "base/gzip.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

void write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

Reply raw_get(int port, const std::string& target, const std::string& method = "GET") {
  return raw_exchange(port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

class WebApp : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(dir_.file("web.db"));
    const std::string web = dir_.file("dist");
    write(web + "/index.html", kIndex);
    write(web + "/assets/index-3f2a91c0.js", "console.log('app')");
    write(web + "/assets/index-77aa01bc.css", "body{margin:0}");
    write(web + "/.env", "SECRET=1");
    write(web + "/assets/.hidden", "hidden");
    write(dir_.file("outside.txt"), "outside");
    for (const char* ext : {"mjs", "svg", "png", "woff2", "woff", "ttf", "json", "ico", "webmanifest", "txt", "bin"})
      write(web + "/files/f." + ext, "x");
    server_ =
        std::make_unique<ServerProcess>(dir_.file("web.db"), std::vector<std::string>{"REGENPATH_WEB_DIR=" + web});
  }
  int port() const { return server_->port(); }

  static constexpr const char* kIndex = "<!doctype html><title>regenpath</title><div id=app></div>";
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(WebApp, IndexAndHashedAssets) {
  Reply r = raw_get(port(), "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kIndex);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.count("cache-control"), 1u);
  EXPECT_EQ(r.header("cache-control"), "no-store");

  r = raw_get(port(), "/assets/index-3f2a91c0.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log('app')");
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.headers.count("cache-control"), 1u);
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");

  r = raw_get(port(), "/assets/index-77aa01bc.css");
  EXPECT_EQ(r.header("content-type"), "text/css; charset=utf-8");
  // /index.html by name is still never cached.
  EXPECT_EQ(raw_get(port(), "/index.html").header("cache-control"), "no-store");
}

TEST_F(WebApp, ContentTypeByExtension) {
  const std::map<std::string, std::string> types = {{"mjs", "text/javascript; charset=utf-8"},
                                                    {"svg", "image/svg+xml"},
                                                    {"png", "image/png"},
                                                    {"woff2", "font/woff2"},
                                                    {"woff", "font/woff"},
                                                    {"ttf", "font/ttf"},
                                                    {"json", "application/json"},
                                                    {"ico", "image/x-icon"},
                                                    {"webmanifest", "application/manifest+json"},
                                                    {"txt", "text/plain; charset=utf-8"},
                                                    {"bin", "application/octet-stream"}};
  for (const auto& [ext, type] : types) {
    const Reply r = raw_get(port(), "/files/f." + ext);
    EXPECT_EQ(r.status, 200) << ext;
    EXPECT_EQ(r.header("content-type"), type) << ext;
  }
}

TEST_F(WebApp, AppRoutesFallBackToIndex) {
  for (const char* path : {"/patients/12", "/portal", "/worklist/", "/q/abcdef", "/assets"}) {
    const Reply r = raw_get(port(), path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(r.header("cache-control"), "no-store") << path;
  }
  // A missing file with an extension is a missing file, not a page.
  EXPECT_EQ(raw_get(port(), "/assets/gone-00000000.js").status, 404);
  EXPECT_EQ(raw_get(port(), "/favicon.ico").status, 404);
}

TEST_F(WebApp, TraversalAndDotFilesRefused) {
  for (const char* path :
       {"/../outside.txt", "/%2e%2e/outside.txt", "/assets/../../outside.txt", "/.env", "/assets/.hidden", "/%2Eenv",
        "/files/..%2f..%2foutside.txt", "/files/%5c..%5coutside.txt", "//etc/passwd", "/./index.html"}) {
    const Reply r = raw_get(port(), path);
    EXPECT_EQ(r.status, 404) << path << " " << r.body;
    EXPECT_EQ(r.body.find("outside"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << path;
  }
}

TEST_F(WebApp, SecurityHeadersStayAndHeadHasNoBody) {
  for (const char* path : {"/", "/assets/index-3f2a91c0.js", "/patients/1"}) {
    const Reply r = raw_get(port(), path);
    const std::string csp = r.header("content-security-policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_NE(csp.find("style-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << path;
  }
  const Reply head = raw_get(port(), "/", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(head.body.empty());
  // The length is the one a GET would bring.
  EXPECT_EQ(head.header("content-length"), std::to_string(raw_get(port(), "/").body.size()));
}

// The web app's files are counted as one series; unknown API paths as another.
TEST_F(WebApp, MetricsCountFilesAsStatic) {
  ASSERT_EQ(raw_get(port(), "/assets/index-3f2a91c0.js").status, 200);
  ASSERT_EQ(raw_get(port(), "/patients/1").status, 200);
  ASSERT_EQ(raw_get(port(), "/api/v1/no-such-route").status, 404);
  const std::string m = raw_get(port(), "/metrics").body;
  EXPECT_NE(m.find("regenpath_http_requests_total{route=\"static\",method=\"GET\",status=\"200\"} 2"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("regenpath_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1"),
            std::string::npos)
      << m;
}

TEST_F(WebApp, ApiPathsStayWithTheApi) {
  Reply r = raw_get(port(), "/api/v1/no-such-route");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(raw_get(port(), "/api").header("content-type"), "application/json");
  EXPECT_EQ(raw_get(port(), "/healthz").json()["status"], "ok");
  EXPECT_NE(raw_get(port(), "/metrics").body.find("# TYPE"), std::string::npos);
  // Other methods on app paths are not files.
  r = raw_exchange(port(), "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/json");
}

// A bundle goes gzip to a browser, whole to a client that did not ask; a file rebuilt
// while the server runs is served new at once, compressed or not.
TEST_F(WebApp, BundlesGoGzipAndARebuildIsServedAtOnce) {
  std::string bundle;
  for (int i = 0; i < 200; ++i)
    bundle += "export function f" + std::to_string(i) + "() { return " + std::to_string(i) + "; }\n";
  const std::string web = dir_.file("dist");
  write(web + "/assets/big-1a2b3c4d.js", bundle);
  const std::string gzip_get =
      "GET /assets/big-1a2b3c4d.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept-Encoding: gzip, "
      "deflate, br\r\n\r\n";
  Reply r = raw_exchange(port(), gzip_get);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-encoding"), "gzip");
  EXPECT_EQ(r.header("vary"), "Accept-Encoding");
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_LT(r.body.size() * 3, bundle.size());
  EXPECT_EQ(gzip_decompress(r.body, 1 << 24), bundle);
  EXPECT_EQ(raw_get(port(), "/assets/big-1a2b3c4d.js").body, bundle);

  const std::string rebuilt = bundle + "export const rebuilt = true;\n";
  write(web + "/assets/big-1a2b3c4d.js", rebuilt);
  EXPECT_EQ(raw_get(port(), "/assets/big-1a2b3c4d.js").body, rebuilt);
  EXPECT_EQ(gzip_decompress(raw_exchange(port(), gzip_get).body, 1 << 24), rebuilt);
  // Small files and images go as they are.
  EXPECT_EQ(raw_exchange(port(),
                         "GET /assets/index-3f2a91c0.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                         "Accept-Encoding: gzip\r\n\r\n")
                .body,
            "console.log('app')");
}

TEST(WebAppNotBuilt, RootSays503WithHowToBuild) {
  TempDir dir;
  seed(dir.file("web.db"));
  std::filesystem::create_directories(dir.file("empty"));
  ServerProcess server(dir.file("web.db"), {"REGENPATH_WEB_DIR=" + dir.file("empty")});
  for (const char* path : {"/", "/patients/3"}) {
    const Reply r = raw_get(server.port(), path);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("./dev build"), std::string::npos);
    EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  }
  EXPECT_EQ(raw_get(server.port(), "/assets/app.js").status, 404);
  EXPECT_EQ(raw_get(server.port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace rp::test
