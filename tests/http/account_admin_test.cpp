// An admin's hold on their centre's accounts: a password reset, a disable or a role
// change ends the account's sessions at once (not when a cached session would have run
// out), a disabled account cannot sign in until enabled, a change made by another process
// reaches the server's sessions within the recheck interval, and an admin can neither
// disable nor demote themself nor touch another centre's accounts.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <thread>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class AccountAdmin : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(db_);
    server_ = std::make_unique<ServerProcess>(db_);
    admin_.port = server_->port();
    ASSERT_EQ(admin_.login("admin.a").status, 200);
  }

  Client signed_in(const std::string& username) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(username).status, 200);
    return c;
  }
  std::string account_path(const std::string& username) {
    for (const auto& a : admin_.get("/api/v1/accounts").json())
      if (a["username"] == username) return "/api/v1/accounts/" + std::to_string(a["id"].get<std::int64_t>());
    return "/api/v1/accounts/0";
  }
  Reply patch(const std::string& username, const nlohmann::json& body) {
    return admin_.call("PATCH", account_path(username), body.dump());
  }
  static int reads(const Client& c) { return c.get("/api/v1/patients").status; }

  TempDir dir_;
  std::string db_ = dir_.file("accounts.db");
  std::unique_ptr<ServerProcess> server_;
  Client admin_{0};
};

TEST_F(AccountAdmin, APasswordResetEndsTheSessionsAtOnce) {
  const Client surgeon = signed_in("surgeon.a");
  ASSERT_EQ(reads(surgeon), 200);
  const Reply r = admin_.call("POST", account_path("surgeon.a") + "/password",
                              nlohmann::json{{"password", "Another-pass-2026"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(reads(surgeon), 401);
  Client again{server_->port()};
  EXPECT_EQ(again.login("surgeon.a", "Another-pass-2026").status, 200);
  EXPECT_EQ(reads(again), 200);
}

TEST_F(AccountAdmin, ADisabledAccountLosesItsSessionsAndCannotSignIn) {
  const Client coordinator = signed_in("coordinator.a");
  ASSERT_EQ(reads(coordinator), 200);
  Reply r = patch("coordinator.a", {{"disabled", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["disabled"], true);
  EXPECT_EQ(reads(coordinator), 401);
  Client c{server_->port()};
  r = c.login("coordinator.a");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("disabled"), std::string::npos) << r.body;
  // A wrong password learns nothing about the account.
  EXPECT_EQ(c.login("coordinator.a", "Wrong-pass-2026x").json()["error"]["message"], "wrong username or password");

  ASSERT_EQ(patch("coordinator.a", {{"disabled", false}}).status, 200);
  EXPECT_EQ(c.login("coordinator.a").status, 200);
  EXPECT_EQ(reads(c), 200);

  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  SQLite::Statement q(d, "SELECT detail FROM audit_log WHERE action = 'account.update' ORDER BY seq");
  std::vector<std::string> details;
  while (q.executeStep()) details.push_back(q.getColumn(0).getString());
  EXPECT_EQ(details, (std::vector<std::string>{"disabled", "enabled"}));
}

TEST_F(AccountAdmin, ARoleChangeTakesEffectAtOnce) {
  const Client coordinator = signed_in("coordinator.a");
  const nlohmann::json patient = {{"mrn", "NEW-1"},
                                  {"name_fa", "نام"},
                                  {"name_latin", "New Patient"},
                                  {"sex", "male"},
                                  {"birth_date", "1958-02-01"},
                                  {"mobile", "09120000002"},
                                  {"national_id", test_national_id("NEW-1")}};
  const Reply created = coordinator.post("/api/v1/patients", patient);
  ASSERT_EQ(created.status, 201) << created.body;
  const Reply r = patch("coordinator.a", {{"role", "lab"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["role"], "lab");
  EXPECT_EQ(reads(coordinator), 401);  // the old session, with the old role, is gone
  const Client lab = signed_in("coordinator.a");
  auto again = patient;
  again["mrn"] = "NEW-2";
  EXPECT_EQ(lab.post("/api/v1/patients", again).status, 403);
}

TEST_F(AccountAdmin, NotOnesOwnAccountNorAnotherCentres) {
  EXPECT_EQ(patch("admin.a", {{"disabled", true}}).status, 403);
  EXPECT_EQ(patch("admin.a", {{"role", "analyst"}}).status, 403);
  EXPECT_EQ(patch("admin.a", {{"role", "admin"}}).status, 200);  // no change is no demotion
  EXPECT_EQ(reads(admin_), 200);
  // Centre b's accounts are not in admin.a's list: ask by id.
  int other_id = 0;
  {
    SQLite::Database d(db_, SQLite::OPEN_READONLY);
    other_id = d.execAndGet("SELECT id FROM accounts WHERE username = 'surgeon.b'").getInt();
  }
  const Reply r =
      admin_.call("PATCH", "/api/v1/accounts/" + std::to_string(other_id), nlohmann::json{{"disabled", true}}.dump());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(reads(signed_in("surgeon.b")), 200);
}

TEST_F(AccountAdmin, BadChangesNameTheFieldAndChangeNothing) {
  const Client surgeon = signed_in("surgeon.a");
  const auto field = [&](const nlohmann::json& body) {
    const Reply r = patch("surgeon.a", body);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["error"]["field"];
  };
  EXPECT_EQ(field({{"role", "nurse"}}), "role");
  EXPECT_EQ(field({{"disabled", "yes"}}), "disabled");
  EXPECT_EQ(field({{"username", "x"}}), "username");
  EXPECT_EQ(field(nlohmann::json::object()), "body");
  EXPECT_EQ(reads(surgeon), 200);
  for (const auto& a : admin_.get("/api/v1/accounts").json()) {
    if (a["username"] == "surgeon.a") {
      EXPECT_EQ(a["role"], "surgeon");
      EXPECT_EQ(a["disabled"], false);
    }
  }
}

// The command line (another process) disables an account straight in the file: the
// server's cached session is checked again within its recheck interval (2 s).
TEST_F(AccountAdmin, AChangeByAnotherProcessReachesCachedSessions) {
  const Client lab = signed_in("lab.a");
  ASSERT_EQ(reads(lab), 200);
  {
    SQLite::Database d(db_, SQLite::OPEN_READWRITE);
    d.setBusyTimeout(5000);
    d.exec("UPDATE accounts SET disabled = 1 WHERE username = 'lab.a'");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  EXPECT_EQ(reads(lab), 401);
}

}  // namespace
}  // namespace rp::test
