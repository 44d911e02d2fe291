// Staff sign-in under attack, over real HTTP from several loopback addresses (127.0.0.x
// are all this machine): wrong passwords make the address that sent them wait, never
// lock the account for its owner elsewhere; a script that tries every username from one
// address is slowed as a whole; an unknown username is answered exactly like a known
// one, wait for wait.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class StaffSignIn : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(db_);
    server_ = std::make_unique<ServerProcess>(db_);
  }
  Client from(const std::string& address) const { return Client{server_->port(), "", "", address}; }
  // The audit rows of failed sign-ins: one per failure, known username or not.
  int failed_sign_in_rows() const {
    auto store = store::open_sqlite(db_);
    int n = 0;
    store->read([&](store::Transaction& tx) {
      for (const auto& row : tx.audit_rows(0, 100000)) n += row.action == "auth.login_failed";
    });
    return n;
  }

  TempDir dir_;
  std::string db_ = dir_.file("sign-in.db");
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(StaffSignIn, TheAttackersAddressWaitsWhileTheUserSignsInFromAnother) {
  Client attacker = from("127.0.0.1");
  // Three failures are free; the fourth makes this address wait for surgeon.a.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(attacker.login("surgeon.a", "Wrong-guess-2026").status, 401) << i;
  const Reply waiting = attacker.login("surgeon.a");
  EXPECT_EQ(waiting.status, 429) << waiting.body;
  EXPECT_EQ(waiting.header("retry-after"), "1");
  EXPECT_EQ(waiting.json()["error"]["field"], "username");

  // The surgeon, at another address, is not held up by any of it.
  Client surgeon = from("127.0.0.2");
  const Reply r = surgeon.login("surgeon.a");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(surgeon.get("/api/v1/auth/me").json()["user"], "surgeon.a");
}

TEST_F(StaffSignIn, TenWrongPasswordsNoLongerLockTheAccount) {
  // Ten failures from ten addresses: the old rule locked the account until an admin
  // reset it. Each address has failed once, so none of them waits either.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(from("127.0.1." + std::to_string(i + 1)).login("surgeon.b", "Wrong-guess-2026").status, 401) << i;
  }
  Client admin = from("127.0.0.2");
  ASSERT_EQ(admin.login("admin.b").status, 200);
  nlohmann::json listed;
  for (const auto& a : admin.get("/api/v1/accounts").json())
    if (a["username"] == "surgeon.b") listed = a;
  EXPECT_EQ(listed["failed_logins"], 10) << listed;  // the admin sees the attempts
  EXPECT_FALSE(listed.contains("locked")) << listed;
  EXPECT_EQ(from("127.0.0.3").login("surgeon.b").status, 200);
  for (const auto& a : admin.get("/api/v1/accounts").json())
    if (a["username"] == "surgeon.b") {
      EXPECT_EQ(a["failed_logins"], 0) << a;
    }
}

TEST_F(StaffSignIn, OneAddressTryingEveryUsernameIsSlowedAsAWhole) {
  Client script = from("127.0.0.4");
  // One failure each on eleven usernames: the address's eleventh failure makes it wait.
  int n = 0;
  for (const std::string centre : {"a", "b"}) {
    for (auto role : service::kStaffRoles) {
      if (n++ == 11) break;
      EXPECT_EQ(script.login(std::string(role) + "." + centre, "Wrong-guess-2026").status, 401) << role << centre;
    }
  }
  const Reply r = script.login("analyst.b");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.header("retry-after"), "1");
  EXPECT_EQ(from("127.0.0.5").login("analyst.b").status, 200);
}

TEST_F(StaffSignIn, UnknownAndKnownUsernamesAreAnsweredAlike) {
  const int rows_before = failed_sign_in_rows();
  // Each name from its own address, one attempt right after another: failures, then waits.
  auto attempts = [](Client c, const std::string& username) {
    std::vector<Reply> out(6);
    for (auto& reply : out) reply = c.login(username, "Wrong-guess-2026");
    return out;
  };
  const auto known = attempts(from("127.0.0.6"), "lab.b");
  const auto unknown = attempts(from("127.0.0.7"), "lab.nobody");
  auto without_date = [](std::multimap<std::string, std::string> h) {
    h.erase("date");
    return h;
  };
  for (std::size_t i = 0; i < known.size(); ++i) {
    SCOPED_TRACE("attempt " + std::to_string(i + 1) + ": " + known[i].body + " / " + unknown[i].body);
    EXPECT_EQ(known[i].status, i < 4 ? 401 : 429);
    EXPECT_EQ(known[i].status, unknown[i].status);
    EXPECT_EQ(known[i].body, unknown[i].body);
    EXPECT_EQ(without_date(known[i].headers), without_date(unknown[i].headers));
  }
  // Each counted failure made the same write (its audit row), known username or not.
  EXPECT_EQ(failed_sign_in_rows() - rows_before, 8);
}

TEST_F(StaffSignIn, AnAdminCanStillDisableAnAccount) {
  Client admin = from("127.0.0.8");
  ASSERT_EQ(admin.login("admin.a").status, 200);
  std::string path;
  for (const auto& a : admin.get("/api/v1/accounts").json())
    if (a["username"] == "lab.a") path = "/api/v1/accounts/" + std::to_string(a["id"].get<std::int64_t>());
  ASSERT_EQ(admin.call("PATCH", path, nlohmann::json{{"disabled", true}}.dump()).status, 200);
  const Reply r = from("127.0.0.9").login("lab.a");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("disabled"), std::string::npos) << r.body;
}

TEST_F(StaffSignIn, AClientsOwnForwardedForHeaderDoesNotEscapeTheWait) {
  // Not from a trusted proxy: X-Forwarded-For is the client's word, and ignored.
  Client attacker = from("127.0.0.10");
  auto as = [&](const std::string& claimed, const std::string& password) {
    return attacker.call("POST", "/api/v1/auth/login",
                         nlohmann::json{{"username", "surgeon.b"}, {"password", password}}.dump(),
                         {{"X-Forwarded-For", claimed}});
  };
  for (int i = 0; i < 4; ++i) EXPECT_EQ(as("198.51.100." + std::to_string(i), "Wrong-guess-2026").status, 401);
  EXPECT_EQ(as("198.51.100.99", kPassword).status, 429);
}

// Behind a reverse proxy every connection comes from the proxy: trusted, it tells each
// client's address, and an attacker's failures again hold up only the attacker.
TEST(StaffSignInBehindAProxy, TheForwardedAddressIsTheClients) {
  TempDir dir;
  seed(dir.file("proxied.db"));
  ServerProcess server(dir.file("proxied.db"), {"REGENPATH_TRUSTED_PROXIES=127.0.0.1"});
  auto via_proxy = [&](const std::string& client, const std::string& password) {
    return Client{server.port()}.call("POST", "/api/v1/auth/login",
                                      nlohmann::json{{"username", "surgeon.a"}, {"password", password}}.dump(),
                                      {{"X-Forwarded-For", client}});
  };
  for (int i = 0; i < 4; ++i) EXPECT_EQ(via_proxy("203.0.113.5", "Wrong-guess-2026").status, 401) << i;
  EXPECT_EQ(via_proxy("203.0.113.5", kPassword).status, 429);
  EXPECT_EQ(via_proxy("198.51.100.7", kPassword).status, 200);
}

}  // namespace
}  // namespace rp::test
