// The SMS provider's delivery reports, called back over real HTTP to a real server with a
// real SQLite file: read by the config's paths from JSON or a form, guarded by the shared
// token (a bearer token, or ?token= for a gateway that calls a fixed URL), applied to the
// message sent with that provider id (its state, its tries, an audit row), and refused
// with a code naming what is wrong, changing nothing, otherwise.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>

#include "http_test_support.hpp"
#include "planned_messages_support.hpp"

namespace rp::test {
namespace {

constexpr const char* kToken = "delivery-token-for-tests-2026";

class SmsDelivery : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("delivery.db");
    seeded_ = seed_with_planned_messages(db_);
    {
      // Two of patient a's messages taken by the provider (as a pass through an SMS
      // gateway leaves them).
      auto store = store::open_store(db_);
      store->write([](store::Transaction& tx) {
        auto planned = tx.messages_of_patient(seeded_.patient_a, 100);
        ASSERT_GE(planned.size(), 2U);
        for (int i = 0; i < 2; ++i) {
          auto& m = planned[static_cast<std::size_t>(i)];
          m.state = store::MessageState::sent;
          m.provider_id = i == 0 ? "prov-777" : "prov-778";
          m.sent_at = "2026-12-01T09:00:00.000Z";
          m.attempts = 1;
          tx.update_message(m);
          (i == 0 ? first_ : second_) = m.id;
        }
      });
    }
    const std::string config = dir_->file("regenpath.yaml");
    std::ofstream(config) << "sms:\n"
                             "  delivery_report:\n"
                             "    token: "
                          << kToken
                          << "\n"
                             "    message_id_path: messageid\n"
                             "    status_path: status\n"
                             "    delivered: [\"10\"]\n"
                             "    failed: [\"6\", \"11\"]\n";
    server_ = new ServerProcess(db_, {}, "", {"--config", config});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  // A POST as the provider makes it: no session, the body as it is, the token as given.
  static Reply report(const std::string& body, const std::string& content_type, const std::string& bearer,
                      const std::string& query = "") {
    Client provider{server_->port()};
    std::map<std::string, std::string> headers{{"Content-Type", content_type}};
    if (!bearer.empty()) headers["Authorization"] = "Bearer " + bearer;
    return provider.call("POST", "/api/v1/messaging/sms-delivery" + query, body, headers);
  }
  static std::string state_of(std::int64_t message) {
    SQLite::Database d(db_);
    return d.execAndGet("SELECT state FROM messages WHERE id = " + std::to_string(message)).getString();
  }
  static std::int64_t count(const std::string& sql) { return count_in(db_, sql); }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline Seeded seeded_;
  static inline std::int64_t first_ = 0, second_ = 0;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(SmsDelivery, AJsonReportOfDeliveryMarksTheMessageDeliveredWithATryAndAnAuditRow) {
  const Reply r = report(R"({"messageid": "prov-777", "status": "10"})", "application/json", kToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (nlohmann::json{{"status", "delivered"}, {"applied", true}}));
  EXPECT_EQ(state_of(first_), "delivered");
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages WHERE delivered_at IS NOT NULL AND id = " + std::to_string(first_)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM message_attempts WHERE outcome = 'delivered' AND provider_id = 'prov-777'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'message.delivery' AND entity_id = '" +
                  std::to_string(first_) + "'"),
            1);

  // Staff see it on the patient's messages, with the report among its tries.
  Client coordinator{server_->port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  const Reply list = coordinator.get("/api/v1/patients/" + std::to_string(seeded_.patient_a) + "/messages");
  ASSERT_EQ(list.status, 200) << list.body;
  bool seen = false;
  const nlohmann::json messages = list.json()["messages"];
  for (const auto& m : messages) {
    if (m["id"] != first_) continue;
    seen = true;
    EXPECT_EQ(m["state"], "delivered");
    ASSERT_FALSE(m["tries"].empty());
    EXPECT_EQ(m["tries"].back()["outcome"], "delivered");
    EXPECT_EQ(m["tries"].back()["detail"], "status 10");
  }
  EXPECT_TRUE(seen) << "message " << first_ << " not in " << list.body;
}

TEST_F(SmsDelivery, AFormReportWithTheTokenInTheQueryMarksTheMessageFailed) {
  const Reply r =
      report("messageid=prov-778&status=6", "application/x-www-form-urlencoded", "", std::string("?token=") + kToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "failed");
  EXPECT_EQ(r.json()["applied"], true);
  EXPECT_EQ(state_of(second_), "failed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM message_attempts WHERE outcome = 'undelivered' AND provider_id = 'prov-778'"),
            1);

  // The message that never arrived waits on the centre's worklist, for a person; another
  // centre's coordinator does not see it; sent again, it leaves the list.
  const auto undelivered = [](const std::string& user) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(user).status, 200) << user;
    const Reply w = c.get("/api/v1/worklist");
    EXPECT_EQ(w.status, 200) << w.body;
    return w.json()["undelivered_messages"];
  };
  const nlohmann::json listed = undelivered("coordinator.a");
  ASSERT_EQ(listed.size(), 1U) << listed;
  EXPECT_EQ(listed[0]["message_id"], second_);
  EXPECT_EQ(listed[0]["patient_id"], seeded_.patient_a);
  EXPECT_EQ(listed[0]["state"], "failed");
  EXPECT_EQ(listed[0]["attempts"], 1);
  EXPECT_TRUE(undelivered("coordinator.b").empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'worklist.read' AND shown LIKE '%" +
                  std::to_string(seeded_.patient_a) + "%' AND detail LIKE '%1 undelivered messages%'"),
            1);
  Client coordinator{server_->port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  const Reply resent = coordinator.post("/api/v1/messages/" + std::to_string(second_) + "/resend",
                                        {{"reason", "the patient's phone was off; sending again"}});
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_TRUE(undelivered("coordinator.a").empty());
}

TEST_F(SmsDelivery, AStatusStillOnItsWayOrAnUnknownIdChangesNothing) {
  const auto attempts = count("SELECT COUNT(*) FROM message_attempts");
  const auto audit = count("SELECT COUNT(*) FROM audit_log");
  Reply r = report(R"({"messageid": "prov-777", "status": "1"})", "application/json", kToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (nlohmann::json{{"status", "unknown"}, {"applied", false}}));
  // A report for a message this server never sent: read, answered, nothing to apply to.
  r = report(R"({"messageid": "prov-999", "status": "10"})", "application/json", kToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (nlohmann::json{{"status", "delivered"}, {"applied", false}}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM message_attempts"), attempts);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit);
}

TEST_F(SmsDelivery, WithoutTheTokenOrWithAnotherTheReportIsRefusedAndChangesNothing) {
  const auto attempts = count("SELECT COUNT(*) FROM message_attempts");
  const std::string body = R"({"messageid": "prov-777", "status": "6"})";
  for (const Reply& r : {report(body, "application/json", ""), report(body, "application/json", "not-the-token"),
                         report(body, "application/json", "", "?token=not-the-token"),
                         report(body, "application/json", std::string(kToken) + "x")}) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.json()["error"]["reason"], "delivery_token_required") << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "token") << r.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM message_attempts"), attempts);
}

TEST_F(SmsDelivery, ABodyWithoutAMessageIdOrOfAnotherMediaIsRefused) {
  Reply r = report(R"({"status": "10"})", "application/json", kToken);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], "delivery_report_without_id") << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "messageid") << r.body;
  r = report("messageid=prov-777&status=10", "text/plain", kToken);
  EXPECT_EQ(r.status, 415) << r.body;
  // Only this route takes a form: a staff route still refuses one.
  Client coordinator{server_->port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  r = coordinator.call("POST", "/api/v1/messages/" + std::to_string(first_) + "/cancel", "reason=because",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 415) << r.body;
}

TEST(SmsDeliveryOff, AServerWithoutATokenHasNoSuchRoute) {
  TempDir dir;
  const std::string db = dir.file("off.db");
  seed(db);
  ServerProcess server(db);
  Client provider{server.port()};
  const Reply r = provider.call("POST", "/api/v1/messaging/sms-delivery", R"({"messageid": "x", "status": "10"})",
                                {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], "delivery_reports_off") << r.body;
}

}  // namespace
}  // namespace rp::test
