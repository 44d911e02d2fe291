// Data that makes no sense is refused or said, over HTTP: names that are only invisible
// characters or carry a direction override; a questionnaire for a time point the
// protocol does not have, an instrument that time point does not ask, answers from which
// the instrument's rule computes no score; and an update that changes nothing writes no
// audit row and answers "changed": false.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class InputRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seeded_ = seed(dir_->file("rules.db"));
    server_ = new ServerProcess(dir_->file("rules.db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override {
    for (Client* c : {&coordinator_, &surgeon_, &admin_}) c->port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
    ASSERT_EQ(admin_.login("admin.a").status, 200);
  }
  static int rows(const std::string& sql) {
    SQLite::Database d(dir_->file("rules.db"), SQLite::OPEN_READONLY);
    SQLite::Statement q(d, sql);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
  static int audit_rows(const std::string& action) {
    return rows("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }
  static void refused(const Reply& r, const std::string& field, const std::string& words) {
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(words), std::string::npos) << r.body;
  }
  std::string episode() const { return "/api/v1/episodes/" + std::to_string(seeded_.episode_a); }

  static TempDir* dir_;
  static Seeded seeded_;
  static ServerProcess* server_;
  Client coordinator_, surgeon_, admin_;
};
TempDir* InputRules::dir_ = nullptr;
Seeded InputRules::seeded_;
ServerProcess* InputRules::server_ = nullptr;

TEST_F(InputRules, NamesThatShowNothingOrTurnTheTextAroundAreRefused) {
  const nlohmann::json good = {{"mrn", "N-1"},
                               {"name_fa", "سارا رضایی"},
                               {"name_latin", "Sara Rezaei"},
                               {"sex", "female"},
                               {"birth_date", "1970-01-01"},
                               {"mobile", "09121110000"},
                               {"national_id", "5260181591"}};
  const int patients = rows("SELECT COUNT(*) FROM patients");
  const std::vector<std::pair<std::string, std::string>> bad{
      {"\u200b\u200b", "invisible character U+200B"},
      {"\u200f", "invisible character U+200F"},
      {"\ufeff", "invisible character U+FEFF"},
      {"   ", "must contain a letter"},
      {"Sara\u202eiezeR", "bidirectional control U+202E"},
      {"Sara\u2066Rezaei\u2069", "bidirectional control U+2066"},
      {"Sara\u0085Rezaei", "control characters"},
      {"Sara\u2028Rezaei", "line or paragraph separator U+2028"},
  };
  const std::string path = "/api/v1/patients/" + std::to_string(seeded_.patient_a);
  const nlohmann::json record = coordinator_.get(path).json();
  for (const auto& [name, words] : bad) {
    for (const char* field : {"name_fa", "name_latin"}) {
      nlohmann::json p = good;
      p[field] = name;
      refused(coordinator_.post("/api/v1/patients", p), field, words);
      refused(coordinator_.call("PATCH", path, nlohmann::json{{field, name}, {"reason", "typo"}}.dump()), field, words);
    }
  }
  EXPECT_EQ(rows("SELECT COUNT(*) FROM patients"), patients);
  EXPECT_EQ(coordinator_.get(path).json(), record);
  // A Persian name keeps its zero-width non-joiner.
  nlohmann::json persian = good;
  persian["name_fa"] = "محمد\u200cرضا";
  EXPECT_EQ(coordinator_.post("/api/v1/patients", persian).status, 201);

  // A centre's name, and any text field: no direction override. A description keeps its lines.
  refused(admin_.call("PUT", "/api/v1/centres/a", R"({"name_en": "\u200b", "name_fa": "مرکز"})"), "name_en",
          "invisible character U+200B");
  refused(surgeon_.post(episode() + "/adverse-events",
                        {{"category", "swelling"}, {"severity", "mild"}, {"description", "left\u202eright"}}),
          "description", "bidirectional control U+202E");
  EXPECT_EQ(surgeon_
                .post(episode() + "/adverse-events",
                      {{"category", "swelling"}, {"severity", "mild"}, {"description", "line one\nline two"}})
                .status,
            201);
}

TEST_F(InputRules, AQuestionnaireTheProtocolDoesNotAskOrCannotScoreIsRefused) {
  const int responses = rows("SELECT COUNT(*) FROM questionnaire_responses");
  const nlohmann::json nrs = {{"pain_rest", 2}, {"pain_activity", 4}};
  const auto submit = [&](const std::string& instrument, const std::string& item, const nlohmann::json& answers) {
    nlohmann::json body = {{"instrument", instrument}, {"answers", answers}};
    if (!item.empty()) body["item_id"] = item;
    return coordinator_.post(episode() + "/questionnaires", body);
  };
  refused(submit("nrs", "visit-2w", nrs), "item_id",
          "'visit-2w' is not a questionnaire time point of protocol hip-msc-v1");
  refused(submit("nrs", "prom-5w", nrs), "item_id", "is not a questionnaire time point");
  refused(submit("satisfaction", "prom-2w", {{"satisfaction", 4}}), "instrument",
          "'satisfaction' is not asked at prom-2w (asked: nrs, return-to-activity)");
  refused(coordinator_.post(episode() + "/questionnaire-links", {{"instrument", "nrs"}, {"item_id", "visit-6w"}}),
          "item_id", "is not a questionnaire time point");
  refused(
      coordinator_.post(episode() + "/questionnaire-links", {{"instrument", "satisfaction"}, {"item_id", "prom-2w"}}),
      "instrument", "is not asked at prom-2w");

  // Answers from which the instrument's rule computes no score.
  nlohmann::json oxford;
  for (int i = 1; i <= 11; ++i) oxford["OHS" + std::to_string(i)] = 3;
  refused(submit("oxford-hip", "prom-3m", oxford), "answers",
          "oxford-hip is scored only with all 12 of its items answered; missing: OHS12");
  refused(submit("hoos-jr", "", {{"P5", 1}, {"P10", 1}, {"A3", 2}}), "answers",
          "hoos-jr is scored only with all 6 of its items answered; missing: A5, A12, A14");
  refused(submit("nrs", "prom-2w", nlohmann::json::object()), "answers",
          "nrs gives no score without an answer to pain_rest or pain_activity");
  refused(submit("hoos", "prom-6w", {{"P1", 1}, {"P2", 1}, {"S1", 2}}), "answers",
          "hoos scores a subscale only when at least half of its items are answered");
  EXPECT_EQ(rows("SELECT COUNT(*) FROM questionnaire_responses"), responses);

  // Some scores computed, others withheld by the rule: kept, and the answer names them.
  nlohmann::json hoos;
  for (const char* item : {"S1", "S2", "S3", "P1", "P2", "P3", "P4", "P5", "Q1", "Q2"}) hoos[item] = 1;
  for (int i = 1; i <= 9; ++i) hoos["A" + std::to_string(i)] = 2;
  const Reply partial = submit("hoos", "prom-6w", hoos);
  ASSERT_EQ(partial.status, 201) << partial.body;
  EXPECT_EQ(partial.json()["unscored"], nlohmann::json::array({"sport"}));
  EXPECT_TRUE(partial.json().at("scores").at("scores").at("sport").is_null());
  EXPECT_FALSE(partial.json().at("scores").at("scores").at("pain").is_null());
  const Reply whole = submit("nrs", "prom-2w", nrs);
  ASSERT_EQ(whole.status, 201) << whole.body;
  EXPECT_EQ(whole.json()["unscored"], nlohmann::json::array());
}

TEST_F(InputRules, AnUpdateThatChangesNothingWritesNothingAndSaysSo) {
  const auto twice = [&](const std::string& action, const std::function<Reply()>& call) {
    const Reply first = call();
    ASSERT_EQ(first.status, 200) << action << " " << first.body;
    const int after_first = audit_rows(action);
    const Reply again = call();
    ASSERT_EQ(again.status, 200) << action << " " << again.body;
    EXPECT_EQ(again.json()["changed"], false) << action << " " << again.body;
    EXPECT_EQ(audit_rows(action), after_first) << action << ": a no-op wrote an audit row";
  };
  twice("episode.update", [&] { return coordinator_.call("PATCH", episode(), R"({"kl_grade": 2})"); });
  twice("centre.upsert", [&] {
    return admin_.call("PUT", "/api/v1/centres/a",
                       R"({"name_en": "Centre a", "name_fa": "مرکز", "city_en": "Tehran"})");
  });
  const std::string soon = Clock::system().today().plus_days(30).iso();
  twice("episode.plan", [&] {
    return coordinator_.post(episode() + "/plan", {{"harvest", soon}, {"injection", soon}});
  });
  twice("schedule.mark", [&] {
    return coordinator_.post(episode() + "/schedule/consultation", {{"status", "missed"}});
  });
  twice("patient.update", [&] {
    return coordinator_.call("PATCH", "/api/v1/patients/" + std::to_string(seeded_.patient_a),
                             R"({"mobile": "09125550000", "reason": "new number"})");
  });
  const nlohmann::json accounts = admin_.get("/api/v1/accounts").json();
  std::int64_t lab = 0;
  for (const auto& a : accounts)
    if (a["username"] == "lab.a") lab = a["id"];
  twice("account.update",
        [&] { return admin_.call("PATCH", "/api/v1/accounts/" + std::to_string(lab), R"({"role": "lab"})"); });
  const Reply event = surgeon_.post(episode() + "/adverse-events", {{"category", "swelling"}, {"severity", "mild"}});
  ASSERT_EQ(event.status, 201);
  twice("adverse_event.assess", [&] {
    return surgeon_.call("PATCH", "/api/v1/adverse-events/" + std::to_string(event.json()["id"].get<int>()),
                         R"({"ctcae_grade": 1, "reason": "graded at the visit"})");
  });
  // A real change still says so.
  const Reply changed = coordinator_.call("PATCH", episode(), R"({"kl_grade": 3})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["changed"], true);
}

}  // namespace
}  // namespace rp::test
