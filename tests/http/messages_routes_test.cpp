// The patient outbox over real HTTP against a real SQLite file: staff read a patient's
// messages (an audited read, their centre's only), a coordinator cancels one with a
// reason and sends it again; the lab reads but may not act; a reason is required; and
// `regenpath messages run` plans and sends through the log as the server's pass would.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <memory>

#include "../support/python_sink.hpp"
#include "channels/log_channel.hpp"
#include "http_test_support.hpp"
#include "planned_messages_support.hpp"
#include "service/messaging/scheduler.hpp"

namespace rp::test {
namespace {

class MessagesRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("messages.db");
    seeded_ = seed_with_planned_messages(db_);
    server_ = new ServerProcess(db_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static Client staff(const std::string& user) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(user).status, 200) << user;
    return c;
  }
  static std::string messages_of(std::int64_t patient) {
    return "/api/v1/patients/" + std::to_string(patient) + "/messages";
  }
  static std::int64_t count(const std::string& sql) { return count_in(db_, sql); }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline Seeded seeded_;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(MessagesRoutes, StaffReadTheirPatientsMessagesAndOnlyThose) {
  const auto reads_before = count("SELECT COUNT(*) FROM audit_log WHERE action = 'messages.read'");
  const auto r = staff("coordinator.a").get(messages_of(seeded_.patient_a));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto messages = r.json()["messages"];
  ASSERT_GT(messages.size(), 20U);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'messages.read'"), reads_before + 1);
  const auto& first = messages[0];
  EXPECT_EQ(first["state"], "pending");
  EXPECT_EQ(first["language"], "fa");
  EXPECT_EQ(first["channel"], "sms");  // the way to her; the log carries it here (no gateway)
  EXPECT_EQ(first["attempts"], 0);
  EXPECT_NE(first["body"].get<std::string>().find("گرامی"), std::string::npos);
  EXPECT_FALSE(first.contains("to_address")) << "the number is not shown";
  // The lab reads them (as it reads the record); another centre finds no such patient.
  EXPECT_EQ(staff("lab.a").get(messages_of(seeded_.patient_a)).status, 200);
  EXPECT_EQ(staff("coordinator.b").get(messages_of(seeded_.patient_a)).status, 404);
  EXPECT_EQ(Client{server_->port()}.get(messages_of(seeded_.patient_a)).status, 401);
}

// A page at a time: the pages meet every message of the whole list once, in its order;
// the last page says no more; a bad `after` or `limit` is refused, naming it.
TEST_F(MessagesRoutes, APatientsMessagesComeAPageAtATime) {
  Client coordinator = staff("coordinator.a");
  const auto all = coordinator.get(messages_of(seeded_.patient_a) + "?limit=500").json();
  ASSERT_GT(all["messages"].size(), 20U);
  EXPECT_FALSE(all.contains("next_after"));
  std::vector<std::int64_t> whole, paged;
  for (const auto& m : all["messages"]) whole.push_back(m["id"]);
  std::string query = "?limit=7";
  for (int pages = 0; pages < 100; ++pages) {
    const auto page = coordinator.get(messages_of(seeded_.patient_a) + query);
    ASSERT_EQ(page.status, 200) << page.body;
    const auto body = page.json();
    for (const auto& m : body["messages"]) paged.push_back(m["id"]);
    if (!body.contains("next_after")) break;
    EXPECT_EQ(body["messages"].size(), 7U);
    query = "?limit=7&after=" + std::to_string(body["next_after"].get<std::int64_t>());
  }
  EXPECT_EQ(paged, whole);
  // The default page is 100.
  EXPECT_LE(coordinator.get(messages_of(seeded_.patient_a)).json()["messages"].size(), 100U);
  for (const char* bad : {"?limit=0", "?limit=501", "?limit=ten"}) {
    const auto r = coordinator.get(messages_of(seeded_.patient_a) + bad);
    EXPECT_EQ(r.status, 422) << bad << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "limit") << bad;
  }
  EXPECT_EQ(coordinator.get(messages_of(seeded_.patient_a) + "?after=x").status, 404);
  EXPECT_EQ(staff("coordinator.b").get(messages_of(seeded_.patient_a) + "?limit=7").status, 404);
}

TEST_F(MessagesRoutes, ACoordinatorCancelsWithAReasonAndSendsAgain) {
  const auto listed = staff("coordinator.a").get(messages_of(seeded_.patient_a)).json()["messages"];
  ASSERT_FALSE(listed.empty());
  const std::string id = std::to_string(listed[0]["id"].get<std::int64_t>());
  const std::string cancel = "/api/v1/messages/" + id + "/cancel", resend = "/api/v1/messages/" + id + "/resend";
  EXPECT_EQ(staff("lab.a").post(cancel, {{"reason", "no"}}).status, 403);
  EXPECT_EQ(staff("coordinator.b").post(cancel, {{"reason", "no"}}).status, 404);
  const auto no_reason = staff("coordinator.a").post(cancel, {{"reason", " "}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages WHERE id = " + id + " AND state = 'pending'"), 1)
      << "a refused cancel changes nothing";
  const auto refused_resend = staff("coordinator.a").post(resend, {{"reason", "again"}});
  EXPECT_EQ(refused_resend.status, 409) << refused_resend.body;

  const auto cancelled = staff("coordinator.a").post(cancel, {{"reason", "the patient asked by phone"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["state"], "cancelled");
  EXPECT_EQ(cancelled.json()["cancelled_by"], "coordinator.a");
  EXPECT_EQ(cancelled.json()["cancel_reason"], "the patient asked by phone");
  const auto resent = staff("coordinator.a").post(resend, {{"reason", "the patient asked again"}});
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(resent.json()["state"], "pending");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'message' AND entity_id = '" + id +
                  "' AND action IN ('message.cancel', 'message.resend') AND actor = 'coordinator.a'"),
            2);
}

// A coordinator records that the patient reads English, over HTTP: the next pass writes
// the messages still waiting in English, with her Latin name; a language the clinic
// does not write is refused naming the field and changes nothing.
TEST_F(MessagesRoutes, StaffRecordThePatientsLanguageAndTheWaitingMessagesFollowIt) {
  Client coordinator = staff("coordinator.a");
  const std::string path = "/api/v1/patients/" + std::to_string(seeded_.patient_a);
  EXPECT_EQ(coordinator.get(path).json()["language"], "fa");
  const Reply bad = coordinator.call("PATCH", path, R"({"language":"de","reason":"reads German"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["error"]["field"], "language");
  EXPECT_EQ(coordinator.get(path).json()["language"], "fa");

  const Reply changed = coordinator.call("PATCH", path, R"({"language":"en","reason":"reads English"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["language"], "en");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'patient.update' AND detail LIKE '%language%'"), 1);

  const auto pass = run_messages_cli(db_, "run");
  ASSERT_TRUE(pass.is_object()) << pass;
  EXPECT_GT(pass["readdressed"].get<int>(), 20);
  const nlohmann::json listed = coordinator.get(messages_of(seeded_.patient_a)).json();
  int pending = 0;
  for (const auto& m : listed["messages"]) {
    if (m["state"] != "pending") continue;
    ++pending;
    EXPECT_EQ(m["language"], "en");
    const std::string body = m["body"];
    EXPECT_EQ(body.rfind("Test Patient, ", 0), 0U) << body;
  }
  EXPECT_GT(pending, 20);

  // A patient registered as reading English is planned in English from the start.
  const Reply added = coordinator.post("/api/v1/patients", {{"mrn", "EN-1"},
                                                            {"name_latin", "Sara Smith"},
                                                            {"sex", "female"},
                                                            {"birth_date", "1970-01-01"},
                                                            {"mobile", "09120000009"},
                                                            {"national_id", test_national_id("EN-1")},
                                                            {"language", "en"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["language"], "en");
  const auto patients = count("SELECT COUNT(*) FROM patients");
  const Reply refused = coordinator.post("/api/v1/patients", {{"mrn", "EN-2"},
                                                              {"name_latin", "Other"},
                                                              {"sex", "male"},
                                                              {"birth_date", "1970-01-01"},
                                                              {"mobile", "09120000008"},
                                                              {"national_id", test_national_id("EN-2")},
                                                              {"language", "Persian"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["error"]["field"], "language");
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients"), patients);
}

TEST_F(MessagesRoutes, TheCommandLineRunsOnePassThroughTheLog) {
  TempDir cli_dir;
  const std::string db = cli_dir.file("cli.db");
  const Seeded s = seed(db);
  {
    auto store = store::open_store(db);
    service::Pathway(*store, Clock::system())
        .plan(service::Actor::cli_operator(), s.episode_a, CivilDate::from_ymd(2027, 1, 10),
              CivilDate::from_ymd(2027, 1, 12));
  }
  const auto run = [&](const std::string& args) { return run_messages_cli(db, args); };
  // Planned on 2026-12-01; on 2026-12-05 at 09:01 in Tehran the consultation's reminder goes.
  const auto planned = run("run --now 2026-12-01T06:00:00Z");
  ASSERT_TRUE(planned.is_object()) << planned;
  EXPECT_GT(planned["inserted"].get<int>(), 30);
  EXPECT_EQ(planned["sent"], 0);
  const auto sent = run("run --now 2026-12-05T05:31:00Z");
  EXPECT_EQ(sent["sent"], 1);
  EXPECT_EQ(sent["inserted"], 0);
  EXPECT_EQ(sent["carriers"], nlohmann::json({{"sms", "log"}, {"email", "log"}}));
  const auto listed = run("list --patient " + std::to_string(s.patient_a));
  ASSERT_TRUE(listed.is_array()) << listed;
  int sent_rows = 0;
  for (const auto& m : listed) sent_rows += m["state"] == "sent";
  EXPECT_EQ(sent_rows, 1);
}

// A patient who prefers e-mail, recorded by a coordinator over HTTP, gets her reminder by
// e-mail through a real SMTP server (tests/channels/smtp_sink.py), with the subject line
// and text in Persian, when `regenpath messages run` is configured with SMTP as the
// server is; text messages still go to the log where no gateway is configured. A bad
// address or e-mail chosen with none is refused naming the field and changes nothing,
// and a role not shown the mobile is not shown the address either.
TEST(EmailMessages, APatientWhoPrefersEmailGetsHerRemindersThroughSmtp) {
  TempDir dir;
  const std::string db = dir.file("email.db");
  const Seeded s = seed(db);
  {
    auto store = store::open_store(db);
    service::Pathway(*store, Clock::system())
        .plan(service::Actor::cli_operator(), s.episode_a, CivilDate::from_ymd(2027, 1, 10),
              CivilDate::from_ymd(2027, 1, 12));
  }
  const std::string path = "/api/v1/patients/" + std::to_string(s.patient_a);
  {
    ServerProcess server(db);
    Client coordinator{server.port()};
    ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
    const auto audit = [&] { return count_in(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'patient.update'"); };
    const auto before = audit();
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"email":"maryam at example.ir","reason":"e-mail"})", "email"},
             {R"({"email":"a@example.ir\r\nBcc: all@example.ir","reason":"e-mail"})", "email"},
             {R"({"preferred_channel":"email","reason":"e-mail"})", "preferred_channel"},
             {R"({"preferred_channel":"fax","reason":"e-mail"})", "preferred_channel"}}) {
      const Reply bad = coordinator.call("PATCH", path, body);
      EXPECT_EQ(bad.status, 422) << body << " " << bad.body;
      EXPECT_EQ(bad.json()["error"]["field"], field) << body;
    }
    EXPECT_EQ(audit(), before);
    const Reply changed = coordinator.call(
        "PATCH", path, R"({"email":" Maryam@Example.IR ","preferred_channel":"email","reason":"reads e-mail"})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json()["email"], "Maryam@example.ir");
    EXPECT_EQ(changed.json()["preferred_channel"], "email");
    EXPECT_EQ(audit(), before + 1);
    EXPECT_EQ(coordinator.get(path).json()["email"], "Maryam@example.ir");
    Client lab{server.port()};
    ASSERT_EQ(lab.login("lab.a").status, 200);
    const auto seen_by_lab = lab.get(path).json();
    EXPECT_FALSE(seen_by_lab.contains("email")) << seen_by_lab;
    EXPECT_FALSE(seen_by_lab.contains("mobile"));
    EXPECT_EQ(seen_by_lab["preferred_channel"], "email");
  }
  PythonSink smtp("smtp_sink.py");
  const std::string env = "REGENPATH_SMTP_URL=smtp://127.0.0.1:" + std::to_string(smtp.port()) +
                          " REGENPATH_SMTP_STARTTLS=optional REGENPATH_SMTP_FROM=clinic@regenpath.test";
  // Planned on 2026-12-01; on 2026-12-05 at 09:01 in Tehran the consultation's reminder goes.
  const auto planned = run_messages_cli(db, "run --now 2026-12-01T06:00:00Z", env);
  ASSERT_TRUE(planned.is_object()) << planned;
  EXPECT_EQ(planned["carriers"], nlohmann::json({{"sms", "log"}, {"email", "email"}}));
  EXPECT_GT(planned["inserted"].get<int>(), 30);
  const std::string hers = "SELECT COUNT(*) FROM messages WHERE patient_id = " + std::to_string(s.patient_a);
  EXPECT_GT(count_in(db, hers), 30);
  EXPECT_EQ(count_in(db, hers + " AND channel = 'email' AND to_address = 'Maryam@example.ir' AND subject <> ''"),
            count_in(db, hers));
  const auto sent = run_messages_cli(db, "run --now 2026-12-05T05:31:00Z", env);
  EXPECT_EQ(sent["sent"], 1) << sent;
  const auto mail = smtp.await_records(1);
  ASSERT_EQ(mail.size(), 1U);
  EXPECT_EQ(mail[0]["rcpt_tos"], nlohmann::json::array({"Maryam@example.ir"}));
  EXPECT_EQ(mail[0]["mail_from"], "clinic@regenpath.test");
  const std::string subject = mail[0]["subject"], text = mail[0]["body"];
  EXPECT_EQ(subject.rfind("فردا: ", 0), 0U) << subject;
  EXPECT_NE(text.find("گرامی، فردا"), std::string::npos) << text;
  EXPECT_NE(text.find("۱۴۰۵/۰۹/۱۵"), std::string::npos) << text;  // 2026-12-06 in Jalali, Persian digits
  // The row says it went by e-mail, with the provider's (the message's own) id.
  EXPECT_EQ(count_in(db,
                     "SELECT COUNT(*) FROM messages WHERE state = 'sent' AND channel = 'email' AND "
                     "provider_id LIKE '<message-%@regenpath.test>'"),
            1);
}

}  // namespace
}  // namespace rp::test
