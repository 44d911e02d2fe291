// Bad input over HTTP: malformed JSON, wrong types, unknown fields, oversized bodies,
// injection strings, someone else's or a forged session, a missing CSRF token, an
// expired session. Each gets the right 4xx, nothing is stored, and the server stays up.
#include <gtest/gtest.h>

#include <thread>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seeded_ = seed(dir_->file("bad.db"));
    server_ = new ServerProcess(dir_->file("bad.db"), {"REGENPATH_SESSION_IDLE_S=2"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override {
    coordinator_.port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
  }
  std::size_t patients() { return coordinator_.get("/api/v1/patients").json().size(); }
  static nlohmann::json valid_patient() {
    return {{"mrn", "B-1"},
            {"name_fa", "نام"},
            {"name_latin", "Name"},
            {"sex", "male"},
            {"birth_date", "1970-01-01"},
            {"mobile", "09120000001"},
            {"national_id", test_national_id("B-1")}};
  }
  static void expect_error(const Reply& r, int status, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    const auto j = r.json();
    ASSERT_TRUE(j.contains("error")) << r.body;
    EXPECT_TRUE(j["error"].contains("code"));
    EXPECT_TRUE(j["error"].contains("message"));
    if (!field.empty()) {
      EXPECT_EQ(j["error"]["field"], field);
    }
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  }

  static TempDir* dir_;
  static Seeded seeded_;
  static ServerProcess* server_;
  Client coordinator_;
};
TempDir* BadInput::dir_ = nullptr;
Seeded BadInput::seeded_;
ServerProcess* BadInput::server_ = nullptr;

TEST_F(BadInput, MalformedJsonIs400AndStoresNothing) {
  const auto before = patients();
  expect_error(coordinator_.call("POST", "/api/v1/patients", "{\"mrn\": "), 400, "body");
  expect_error(coordinator_.call("POST", "/api/v1/patients", "[1,2]"), 422, "body");
  expect_error(coordinator_.call("POST", "/api/v1/patients", std::string(100, '[') + std::string(100, ']')), 400);
  EXPECT_EQ(patients(), before);
}

TEST_F(BadInput, WrongTypesUnknownFieldsAndBadValuesAre422) {
  const auto before = patients();
  auto p = valid_patient();
  p["mrn"] = 12;
  expect_error(coordinator_.post("/api/v1/patients", p), 422, "mrn");
  p = valid_patient();
  p["is_admin"] = true;
  expect_error(coordinator_.post("/api/v1/patients", p), 422, "is_admin");
  p = valid_patient();
  p["birth_date"] = "1970-02-30";
  expect_error(coordinator_.post("/api/v1/patients", p), 422, "birth_date");
  p = valid_patient();
  p["national_id"] = "1234567890";
  expect_error(coordinator_.post("/api/v1/patients", p), 422, "national_id");
  const std::string ep = "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/questionnaires";
  expect_error(coordinator_.post(ep, {{"instrument", "nrs"}, {"answers", {{"pain_rest", 11}}}}), 422);
  expect_error(coordinator_.post(ep, {{"instrument", "nrs"}, {"answers", {{"pain_rest", "high"}}}}), 422);
  expect_error(coordinator_.post(ep, {{"instrument", "nope"}, {"answers", nlohmann::json::object()}}), 422,
               "instrument");
  EXPECT_EQ(patients(), before);
  EXPECT_EQ(coordinator_.get(ep).json().size(), 0u);
}

// The error's message follows Accept-Language (the web app sends the language the user
// chose); its code and field do not, and neither does what is stored: nothing.
TEST_F(BadInput, ErrorsSpeakTheClientsLanguage) {
  const auto before = patients();
  auto p = valid_patient();
  p["national_id"] = "1234567890";
  const auto ask = [&](const char* language) {
    return coordinator_.call("POST", "/api/v1/patients", p.dump(), {{"Accept-Language", language}});
  };
  const Reply fa = ask("fa-IR,fa;q=0.9,en;q=0.8");
  expect_error(fa, 422, "national_id");
  EXPECT_EQ(fa.json()["error"]["code"], "invalid");
  EXPECT_EQ(fa.json()["error"]["message"], "رقم کنترل کد ملی درست نیست");
  EXPECT_EQ(fa.header("content-language"), "fa");
  EXPECT_NE(fa.header("vary").find("Accept-Language"), std::string::npos);
  const Reply en = ask("en-US,en;q=0.9,fa;q=0.8");
  expect_error(en, 422, "national_id");
  EXPECT_EQ(en.json()["error"]["message"], "check digit does not match");
  EXPECT_EQ(en.header("content-language"), "en");
  // A message with a value in it, and one the catalogue does not know (left in English).
  const Reply missing = coordinator_.call("GET", "/api/v1/patients/999999", "", {{"Accept-Language", "fa"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json()["error"]["message"], "بیمار شماره ۹۹۹۹۹۹ یافت نشد") << missing.body;
  // Sign-in refusals too, before any session exists.
  const Reply login = Client{server_->port()}.call("POST", "/api/v1/auth/login",
                                                   R"({"username":"nobody.here","password":"not-the-password-1"})",
                                                   {{"Accept-Language", "fa"}});
  EXPECT_EQ(login.status, 401);
  EXPECT_EQ(login.json()["error"]["message"], "نام کاربری یا گذرواژه نادرست است");
  EXPECT_EQ(patients(), before);
}

TEST_F(BadInput, OversizedBodyIs413) {
  const std::string huge = "{\"mrn\": \"" + std::string(2 << 20, 'x') + "\"}";
  const Reply r = coordinator_.call("POST", "/api/v1/patients", huge);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Client{server_->port()}.get("/healthz").status, 200);
}

// Prometheus text: every family present, the last one whole (a short buffer once cut it).
TEST_F(BadInput, MetricsArePrometheusTextInFull) {
  const Reply r = Client{server_->port()}.get("/metrics");
  EXPECT_EQ(r.status, 200);
  for (const char* family :
       {"regenpath_http_requests_total", "regenpath_http_request_duration_seconds_bucket",
        "regenpath_store_commits_total", "regenpath_store_commit_seconds_total", "regenpath_store_max_batch "}) {
    EXPECT_NE(r.body.find(family), std::string::npos) << family;
  }
}

TEST_F(BadInput, InjectionStringsAreStoredAsTextOrRefused) {
  const std::vector<std::string> nasty = {"'; DROP TABLE patients; --", "<script>alert(1)</script>", "\" OR 1=1 --",
                                          "Robert'); DELETE FROM audit_log;--"};
  int n = 0;
  for (const auto& s : nasty) {
    auto p = valid_patient();
    p["mrn"] = "INJ-" + std::to_string(n++);
    p["national_id"] = test_national_id(p["mrn"]);
    p["name_latin"] = s;
    const Reply r = coordinator_.post("/api/v1/patients", p);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["name_latin"], s);  // stored verbatim, as data
    EXPECT_EQ(r.header("content-type"), "application/json");
  }
  const Reply search = coordinator_.get("/api/v1/patients?q=%27%3B%20DROP%20TABLE%20patients%3B%20--");
  EXPECT_EQ(search.status, 200);
  EXPECT_EQ(search.json().size(), 1u);
  auto p = valid_patient();
  p["mrn"] = "CTRL";
  p["name_latin"] = std::string(
      "a\x01"
      "b");
  expect_error(coordinator_.post("/api/v1/patients", p), 422, "name_latin");
}

TEST_F(BadInput, ForgedOrForeignSessionsAndMissingCsrfAreRefused) {
  Client forged{server_->port(), "rp_session=" + std::string(64, 'a'), "x"};
  expect_error(forged.get("/api/v1/patients"), 401);
  Client garbage{server_->port(), "rp_session=../../etc/passwd", ""};
  expect_error(garbage.get("/api/v1/patients"), 401);
  const auto before = patients();
  expect_error(coordinator_.call("POST", "/api/v1/patients", valid_patient().dump(), {}, false), 403, "X-CSRF-Token");
  Client wrong_csrf = coordinator_;
  wrong_csrf.csrf = std::string(32, '0');
  expect_error(wrong_csrf.post("/api/v1/patients", valid_patient()), 403, "X-CSRF-Token");
  EXPECT_EQ(patients(), before);
  // Centre b's surgeon gets 404 for centre a's records: ids reveal nothing.
  Client other{server_->port()};
  ASSERT_EQ(other.login("surgeon.b").status, 200);
  expect_error(other.get("/api/v1/patients/" + std::to_string(seeded_.patient_a)), 404);
  expect_error(other.get("/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/timeline"), 404);
}

TEST_F(BadInput, AnIdleSessionExpires) {
  Client c{server_->port()};
  ASSERT_EQ(c.login("surgeon.a").status, 200);
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  expect_error(c.get("/api/v1/auth/me"), 401, "session");
}

TEST_F(BadInput, RepeatedFailedLoginsAreDelayedNeverLocked) {
  Client c{server_->port()};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.login("physiotherapist.b", "wrong-password-1").status, 401);
  // Now this username waits at this address, even with the right password...
  const Reply waiting = c.login("physiotherapist.b");
  expect_error(waiting, 429, "username");
  EXPECT_EQ(waiting.header("retry-after"), "1");
  // ...and nowhere else: the failures lock nobody out.
  Client elsewhere{server_->port(), "", "", "127.0.0.2"};
  EXPECT_EQ(elsewhere.login("physiotherapist.b").status, 200);
}

TEST_F(BadInput, ServerSurvivesGarbage) {
  EXPECT_EQ(raw_exchange(server_->port(), "NOT HTTP AT ALL\r\n\r\n").status, 400);
  EXPECT_EQ(raw_exchange(server_->port(), "GET /../../etc/passwd HTTP/1.1\r\nConnection: close\r\n\r\n").status, 404);
  EXPECT_EQ(raw_exchange(server_->port(), "GET /%zz HTTP/1.1\r\nConnection: close\r\n\r\n").status, 400);
  const std::string big_header = "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(64 << 10, 'h') + "\r\n\r\n";
  EXPECT_EQ(raw_exchange(server_->port(), big_header).status, 431);
  EXPECT_EQ(Client{server_->port()}.get("/healthz").status, 200);
}

}  // namespace
}  // namespace rp::test
