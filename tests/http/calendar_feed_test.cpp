// Private calendar feeds over real HTTP against a real SQLite file: staff make a
// patient's feed, a calendar app reads it at /calendar/<token>.ics without signing in,
// and an independent reader (python3-icalendar) finds the episode's schedule in it; a
// revoked, replaced or unknown token is 404 alike; another centre's staff reach nothing;
// the database holds the token's hash, never the token; the patient makes their own in
// the portal.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "http_test_support.hpp"
#include "service/auth.hpp"
#include "tests/support/ics_reader.hpp"

namespace rp::test {
namespace {

class CalendarFeed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("calendar.db");
    log_ = dir_->file("log");
    seeded_ = seed(db_);
    server_ = new ServerProcess(db_, {}, log_);
    Client coordinator = staff("coordinator.a");
    const std::string harvest = Clock::system().today().plus_days(30).iso();
    const std::string injection = Clock::system().today().plus_days(33).iso();
    const auto planned = coordinator.post(episode_path() + "/plan", {{"harvest", harvest}, {"injection", injection}});
    ASSERT_EQ(planned.status, 200) << planned.body;
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
  static std::string episode_path() { return "/api/v1/episodes/" + std::to_string(seeded_.episode_a); }
  static std::string feed_route(std::int64_t patient) {
    return "/api/v1/patients/" + std::to_string(patient) + "/calendar-feed";
  }
  // Makes patient a's feed as coordinator.a; answers its path.
  static std::string made_feed() {
    const auto made = staff("coordinator.a").post(feed_route(seeded_.patient_a), nlohmann::json::object());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json().value("path", "");
  }
  static Reply anonymous_get(const std::string& path) { return Client{server_->port()}.get(path); }
  static std::int64_t count(const std::string& sql) {
    SQLite::Database d(db_);
    return d.execAndGet(sql).getInt64();
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_, log_;
  static inline Seeded seeded_;
  static inline ServerProcess* server_ = nullptr;
};

std::string day_after(const std::string& iso) { return parse_gregorian(iso, "test").plus_days(1).iso(); }

TEST_F(CalendarFeed, ACalendarAppReadsTheEpisodesScheduleWithoutSigningIn) {
  const auto creates_before = count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar_feed.create'");
  const auto made = staff("coordinator.a").post(feed_route(seeded_.patient_a), nlohmann::json::object());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string token = made.json()["token"], path = made.json()["path"];
  EXPECT_EQ(path, "/calendar/" + token + ".ics");
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar_feed.create'"), creates_before + 1);

  const auto reads_before = count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE 'calendar feed %'");
  const auto feed = anonymous_get(path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE 'calendar feed %'"), reads_before + 1)
      << "a read of the feed is a read of the record";

  const auto schedule = staff("coordinator.a").get(episode_path() + "/schedule").json();
  ASSERT_GT(schedule.size(), 20u);
  // The plain URL in the patient's language (Persian, as recorded); ?lang= asks for one.
  for (const std::string lang : {"fa", "en"}) {
    const auto read = lang == "fa" ? feed : anonymous_get(path + "?lang=en");
    ASSERT_EQ(read.status, 200) << read.body;
    const auto events = read_ics_events(read.body).at("events");
    ASSERT_EQ(events.size(), schedule.size()) << lang;
    std::map<std::string, nlohmann::json> by_uid;
    for (const auto& e : events) by_uid[e.at("uid")] = e;
    for (const auto& item : schedule) {
      const std::string uid = item.at("id").get<std::string>() + "." + std::to_string(seeded_.episode_a) + "@regenpath";
      ASSERT_TRUE(by_uid.count(uid)) << uid;
      const auto& e = by_uid.at(uid);
      const bool questionnaire = item.at("kind") == "questionnaire";
      EXPECT_TRUE(e.at("all_day").get<bool>()) << uid;
      EXPECT_EQ(e.at("start"), item.at(questionnaire ? "window_start" : "start")) << uid;
      EXPECT_EQ(e.at("end"), day_after(item.at(questionnaire ? "window_end" : "end"))) << uid;
      EXPECT_EQ(e.at("summary"), item.at("titles").at(lang)) << uid;
    }
  }
  // Once staff record that the patient reads English, the same URL is in English.
  const auto changed = staff("coordinator.a")
                           .call("PATCH", "/api/v1/patients/" + std::to_string(seeded_.patient_a),
                                 R"({"language":"en","reason":"reads English"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto english = read_ics_events(anonymous_get(path).body).at("events");
  ASSERT_FALSE(english.empty());
  const auto first = schedule[0];
  for (const auto& e : english) {
    const std::string uid = e.at("uid");
    if (uid.starts_with(first.at("id").get<std::string>() + ".")) {
      EXPECT_EQ(e.at("summary"), first.at("titles").at("en"));
    }
  }
}

TEST_F(CalendarFeed, TheDatabaseKeepsTheTokensHashNeverTheToken) {
  const auto made = staff("coordinator.a").post(feed_route(seeded_.patient_a), nlohmann::json::object());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string token = made.json()["token"];
  SQLite::Database d(db_);
  SQLite::Statement q(d,
                      "SELECT token_hash, patient_id, centre_id, created_by, created_at, COALESCE(revoked_by, ''), "
                      "COALESCE(revoked_at, '') FROM calendar_feeds WHERE revoked_at IS NULL");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), service::token_hash(token));
  for (int i = 0; i < 7; ++i) EXPECT_EQ(q.getColumn(i).getString().find(token), std::string::npos) << i;
  EXPECT_EQ(q.getColumn(1).getInt64(), seeded_.patient_a);
  EXPECT_EQ(q.getColumn(3).getString(), "coordinator.a");
  EXPECT_FALSE(q.executeStep()) << "one live feed per patient";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE instr(detail, '" + token + "') > 0"), 0);
}

TEST_F(CalendarFeed, RevokedReplacedAndUnknownTokensAreNotFoundAlike) {
  const std::string first = made_feed();
  const std::string second = made_feed();
  ASSERT_NE(first, second);
  const auto replaced = anonymous_get(first);
  EXPECT_EQ(replaced.status, 404) << "making a feed revokes the one before";
  EXPECT_EQ(anonymous_get(second).status, 200);

  const Client coordinator = staff("coordinator.a");
  const auto revoked = coordinator.call("DELETE", feed_route(seeded_.patient_a));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["revoked"], true);
  const auto gone = anonymous_get(second);
  EXPECT_EQ(gone.status, 404);
  const auto unknown = anonymous_get("/calendar/" + std::string(64, 'e') + ".ics");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(gone.body, unknown.body) << "a revoked token reveals no more than an unknown one";
  EXPECT_EQ(replaced.body, unknown.body);
  EXPECT_EQ(unknown.json()["error"]["reason"], "calendar_feed_not_found");
  for (const std::string& bad :
       std::vector<std::string>{"/calendar/x.ics", "/calendar/" + second.substr(10, 64), "/calendar/"})
    EXPECT_EQ(anonymous_get(bad).status, 404) << bad;
  // Nothing left to revoke.
  EXPECT_EQ(coordinator.call("DELETE", feed_route(seeded_.patient_a)).status, 404);
}

TEST_F(CalendarFeed, AnotherCentresStaffAndNobodyReachNothing) {
  const auto made_before = count("SELECT COUNT(*) FROM calendar_feeds");
  const Client other = staff("coordinator.b");
  const auto made = other.post(feed_route(seeded_.patient_a), nlohmann::json::object());
  ASSERT_EQ(made.status, 404) << made.body;
  EXPECT_EQ(made.json()["error"]["field"], "patient");
  EXPECT_EQ(other.call("DELETE", feed_route(seeded_.patient_a)).status, 404);
  EXPECT_EQ(Client{server_->port()}.post(feed_route(seeded_.patient_a), nlohmann::json::object()).status, 401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feeds"), made_before);
}

TEST_F(CalendarFeed, ThePatientMakesTheirOwnLinkInThePortal) {
  Client patient = patient_client(server_->port(), log_, seeded_.patient_a);
  ASSERT_NE(patient.port, 0) << "the patient could not sign in";
  staff("coordinator.a").call("DELETE", feed_route(seeded_.patient_a));
  EXPECT_EQ(patient.get("/api/v1/me/calendar-feed").json()["live"], false);
  const auto made = patient.post("/api/v1/me/calendar-feed", nlohmann::json::object());
  ASSERT_EQ(made.status, 201) << made.body;
  const auto own = patient.get("/api/v1/me/calendar-feed").json();
  EXPECT_EQ(own["live"], true);
  EXPECT_EQ(own["created_at"], made.json()["created_at"]);
  const auto feed = anonymous_get(made.json()["path"].get<std::string>() + "?lang=fa");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_FALSE(read_ics_events(feed.body).at("events").empty());
  // Staff routes stay staff's.
  EXPECT_EQ(patient.post(feed_route(seeded_.patient_a), nlohmann::json::object()).status, 403);
}

}  // namespace
}  // namespace rp::test
