// A patient's red flag reaches the centre's on-call clinician by SMS, at any hour, over
// real HTTP with a real SQLite file: the centre's admin records the on-call mobile (any
// usual form; a wrong one is refused naming the field and changes nothing), the patient
// reports a flag in the portal, the alert is queued with it, and a scheduler pass at
// night (inside the patients' quiet hours) sends it, outside the patient's daily cap. A
// centre without an on-call mobile queues nothing.
#include <gtest/gtest.h>

#include "http_test_support.hpp"
#include "planned_messages_support.hpp"

namespace rp::test {
namespace {

class OnCallAlert : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("on-call.db");
    seeded_ = seed(db_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
  }
  Client staff(const std::string& username) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(username).status, 200) << username;
    return c;
  }
  // The admin's PUT of their centre with `changes` over its present details.
  Reply set_centre(Client& admin, const std::string& id, const nlohmann::json& changes) {
    nlohmann::json body;
    const nlohmann::json centres = admin.get("/api/v1/centres").json();
    for (const auto& c : centres)
      if (c["id"] == id) body = {{"name_en", c["name_en"]}, {"name_fa", c["name_fa"]}};
    body.update(changes);
    return admin.call("PUT", "/api/v1/centres/" + id, body.dump());
  }
  std::int64_t report_flag(std::int64_t patient, std::int64_t episode) {
    const Client c = patient_client(server_->port(), dir_.file("log"), patient);
    const Reply r = c.post("/api/v1/me/episodes/" + std::to_string(episode) + "/red-flags",
                           {{"category", "fever"}, {"severity", "severe"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::int64_t count(const std::string& sql) { return count_in(db_, sql); }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(OnCallAlert, TheAdminRecordsTheNumberAndAFlagReachesItAtNight) {
  Client admin = staff("admin.a");
  const Reply bad = set_centre(admin, "a", {{"on_call_mobile", "021 1234 5678"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["error"]["field"], "on_call_mobile");
  const Reply set = set_centre(admin, "a", {{"on_call_mobile", "۰۹۱۲ ۷۷۷ ۶۶۵۵"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["on_call_mobile"], "+989127776655");
  // Another change of the centre leaves the number as it was.
  ASSERT_EQ(set_centre(admin, "a", {{"phone", "021-8888"}}).status, 200);
  nlohmann::json centre_a;
  const nlohmann::json centres = admin.get("/api/v1/centres").json();
  for (const auto& c : centres)
    if (c["id"] == "a") centre_a = c;
  EXPECT_EQ(centre_a["on_call_mobile"], "+989127776655");

  const std::int64_t flag = report_flag(seeded_.patient_a, seeded_.episode_a);
  const std::string alerts = "SELECT COUNT(*) FROM messages WHERE template = 'red_flag_on_call' ";
  EXPECT_EQ(count(alerts + "AND to_address = '+989127776655' AND state = 'pending' AND dedupe_key = 'red-flag:" +
                  std::to_string(flag) + ":on-call'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'message.on_call' AND entity_id = '" +
                  std::to_string(flag) + "'"),
            1);
  // Centre b has no on-call mobile: its patient's flag queues nothing.
  report_flag(seeded_.patient_b, seeded_.episode_b);
  EXPECT_EQ(count(alerts), 1);

  // The next 02:00 in Tehran (22:30 UTC), inside the patients' quiet hours and within the
  // alert's day: a pass (the command line's, through the log) sends it all the same.
  const std::int64_t now_ms = Clock::system().now_ms(), day = 86'400'000;
  std::int64_t night = now_ms / day * day + 22 * 3600'000 + 1800'000;
  if (night <= now_ms) night += day;
  const auto pass = run_messages_cli(db_, "run --now " + Clock::fixed(night).now_iso());
  ASSERT_TRUE(pass.is_object()) << pass;
  EXPECT_EQ(pass["sent"], 1) << pass;
  EXPECT_EQ(count(alerts + "AND state = 'sent'"), 1);
}

}  // namespace
}  // namespace rp::test
