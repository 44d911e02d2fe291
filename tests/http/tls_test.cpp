// TLS: a self-signed certificate made at test time with openssl, the server started with
// it on 127.0.0.1, a sign-in over HTTPS with curl. The session cookie is Secure, HSTS is
// sent, plain HTTP to the TLS port is refused without an answer and the server stays up.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

// Runs a shell command and returns its standard output.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  ::pclose(p);
  return out;
}

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null").c_str()) == 0; }

TEST(Tls, SignInOverHttpsGivesASecureCookieAndHstsAndPlainHttpIsRefused) {
  if (!have("openssl") || !have("curl")) GTEST_SKIP() << "openssl and curl are needed (deps/debian-packages.txt)";
  TempDir dir;
  const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
                         "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                         key + " -out " + cert + " 2>/dev/null")
                            .c_str()),
            0);
  const std::string db = dir.file("tls.db");
  seed(db);
  ServerProcess server(db, {"REGENPATH_TLS_CERT=" + cert, "REGENPATH_TLS_KEY=" + key});
  const std::string base = "https://127.0.0.1:" + std::to_string(server.port());
  // --cacert: the certificate is checked, not waved through with -k.
  const std::string curl = "curl -s -i --max-time 20 --cacert " + cert + " ";

  const Reply login = parse_reply(
      output_of(curl + "-H 'Content-Type: application/json' -d '{\"username\":\"coordinator.a\",\"password\":\"" +
                kPassword + "\"}' " + base + "/api/v1/auth/login"));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string session_cookie;
  auto range = login.headers.equal_range("set-cookie");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.rfind("rp_session=", 0) == 0) session_cookie = it->second;
  }
  ASSERT_FALSE(session_cookie.empty());
  EXPECT_NE(session_cookie.find("; Secure"), std::string::npos) << session_cookie;
  EXPECT_NE(session_cookie.find("HttpOnly"), std::string::npos) << session_cookie;
  EXPECT_NE(login.header("strict-transport-security").find("max-age="), std::string::npos);

  // The session works over the encrypted connection.
  const std::string cookie = session_cookie.substr(0, session_cookie.find(';'));
  const Reply me = parse_reply(output_of(curl + "-b '" + cookie + "' " + base + "/api/v1/patients"));
  EXPECT_EQ(me.status, 200) << me.body;

  // Plain HTTP to the TLS port: the handshake fails, the connection closes, no HTTP answer.
  const Reply plain = raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(plain.status, 0);

  // And the server is still up.
  const Reply health = parse_reply(output_of(curl + base + "/healthz"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

// The live event stream over TLS: its heartbeats are written while a read waits on the
// same encrypted connection, and a client that leaves does not take the server down.
TEST(Tls, TheEventStreamRunsOverHttps) {
  if (!have("openssl") || !have("curl")) GTEST_SKIP() << "openssl and curl are needed (deps/debian-packages.txt)";
  TempDir dir;
  const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
                         "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                         key + " -out " + cert + " 2>/dev/null")
                            .c_str()),
            0);
  const std::string db = dir.file("tls.db");
  seed(db);
  ServerProcess server(db, {"REGENPATH_TLS_CERT=" + cert, "REGENPATH_TLS_KEY=" + key, "REGENPATH_EVENT_HEARTBEAT_S=1"});
  const std::string base = "https://127.0.0.1:" + std::to_string(server.port());
  const std::string curl = "curl -s -i --cacert " + cert + " ";
  const Reply login = parse_reply(
      output_of(curl + "-H 'Content-Type: application/json' -d '{\"username\":\"coordinator.a\",\"password\":\"" +
                kPassword + "\"}' " + base + "/api/v1/auth/login"));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie;
  auto range = login.headers.equal_range("set-cookie");
  for (auto it = range.first; it != range.second; ++it)
    if (it->second.rfind("rp_session=", 0) == 0) cookie = it->second.substr(0, it->second.find(';'));
  // curl gives up after 3.5 s: the stream is still open then, with its heartbeats.
  const std::string stream = output_of(curl + "-N --max-time 3.5 -b '" + cookie + "' " + base + "/api/v1/events");
  const Reply head = parse_reply(stream);
  EXPECT_EQ(head.status, 200) << stream;
  EXPECT_NE(stream.find("event: ready"), std::string::npos) << stream;
  std::size_t beats = 0;
  for (auto at = stream.find(": heartbeat"); at != std::string::npos; at = stream.find(": heartbeat", at + 1)) ++beats;
  EXPECT_GE(beats, 2u) << stream;
  EXPECT_EQ(parse_reply(output_of(curl + base + "/healthz")).status, 200);
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace rp::test
