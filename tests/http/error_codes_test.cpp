// Error answers as codes with parameters (messages/errors.json): each carries the kind of
// refusal (code), the catalogue's reason and its params beside the message; the Persian
// message is made from the params by their type (Persian digits, a Jalali date), and the
// server's own refusals before any route runs (413, 431) follow Accept-Language too.
#include <gtest/gtest.h>

#include "base/clock.hpp"
#include "base/jalali.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

class ErrorCodes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seed(dir_->file("codes.db"));
    server_ = new ServerProcess(dir_->file("codes.db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override {
    coordinator_.port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  Client coordinator_;
};
TempDir* ErrorCodes::dir_ = nullptr;
ServerProcess* ErrorCodes::server_ = nullptr;

TEST_F(ErrorCodes, AnErrorCarriesItsReasonAndParams) {
  const Reply en = coordinator_.call("GET", "/api/v1/patients/999999", "", {{"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 404) << en.body;
  const nlohmann::json error = en.json()["error"];
  EXPECT_EQ(error["code"], "not_found");
  EXPECT_EQ(error["reason"], "patient_not_found");
  EXPECT_EQ(error["params"]["id"], "999999");
  EXPECT_EQ(error["message"], "no patient 999999");
  // The same reason and params in Persian; only the message changes.
  const Reply fa = coordinator_.call("GET", "/api/v1/patients/999999", "", {{"Accept-Language", "fa"}});
  const nlohmann::json persian = fa.json()["error"];
  EXPECT_EQ(persian["reason"], "patient_not_found");
  EXPECT_EQ(persian["params"], error["params"]);
  EXPECT_EQ(persian["message"], "بیمار شماره ۹۹۹۹۹۹ یافت نشد");
}

TEST_F(ErrorCodes, RouteLevelRefusalsAreCatalogued) {
  const Reply route = coordinator_.call("GET", "/api/v1/no-such-thing", "", {{"Accept-Language", "fa"}});
  ASSERT_EQ(route.status, 404);
  EXPECT_EQ(route.json()["error"]["reason"], "no_such_route");
  EXPECT_EQ(route.json()["error"]["message"], "چنین مسیری وجود ندارد");
  const Reply method = coordinator_.call("DELETE", "/api/v1/patients", "", {{"Accept-Language", "fa"}});
  ASSERT_EQ(method.status, 405);
  EXPECT_EQ(method.json()["error"]["reason"], "method_not_allowed");
  EXPECT_EQ(method.json()["error"]["params"]["method"], "DELETE");
  const Reply anonymous =
      Client{server_->port()}.call("GET", "/api/v1/patients", "", {{"Accept-Language", "fa-IR,fa;q=0.9"}});
  ASSERT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.json()["error"]["reason"], "sign_in_first");
  EXPECT_EQ(anonymous.header("content-language"), "fa");
}

// A date in the params is Jalali in Persian digits in the Persian sentence, ISO in English.
TEST_F(ErrorCodes, PersianDatesAreJalaliFromTheParams) {
  const CivilDate today = Clock::system().today();
  const nlohmann::json body = {{"before", today.plus_days(5).iso()}, {"reason", "declined"}};
  const Reply fa = coordinator_.call("POST", "/api/v1/worklist/close-missed", body.dump(), {{"Accept-Language", "fa"}});
  ASSERT_EQ(fa.status, 422) << fa.body;
  const nlohmann::json error = fa.json()["error"];
  EXPECT_EQ(error["reason"], "missed_after_today");
  EXPECT_EQ(error["params"]["today"], today.iso());
  const std::string message = error["message"].get<std::string>();
  EXPECT_NE(message.find(display_date(today, "fa", true)), std::string::npos) << message;
  EXPECT_EQ(message.find(today.iso()), std::string::npos) << message;
  const Reply en = coordinator_.call("POST", "/api/v1/worklist/close-missed", body.dump(), {{"Accept-Language", "en"}});
  EXPECT_NE(en.json()["error"]["message"].get<std::string>().find("(" + today.iso() + ")"), std::string::npos)
      << en.body;
}

// Refusals once written as English sentences at their throw sites now name their code:
// the same English, and the Persian made from the params (a bound in Persian digits).
TEST_F(ErrorCodes, FormerlyEnglishRefusalsAnswerWithTheirCode) {
  const std::string long_query = "/api/v1/patients?q=" + std::string(201, 'x');
  const Reply en = coordinator_.call("GET", long_query, "", {{"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 422) << en.body;
  EXPECT_EQ(en.json()["error"]["reason"], "too_many_bytes");
  EXPECT_EQ(en.json()["error"]["params"]["max"], "200");
  EXPECT_EQ(en.json()["error"]["message"], "must be at most 200 bytes");
  const Reply fa = coordinator_.call("GET", long_query, "", {{"Accept-Language", "fa"}});
  EXPECT_EQ(fa.json()["error"]["message"], "باید حداکثر ۲۰۰ بایت باشد");

  const Reply id = coordinator_.call("GET", "/api/v1/patients/abc", "", {{"Accept-Language", "en"}});
  ASSERT_EQ(id.status, 404) << id.body;
  EXPECT_EQ(id.json()["error"]["reason"], "no_such_id");
  EXPECT_EQ(id.json()["error"]["message"], "no patient 'abc'");

  const Reply body = coordinator_.call("POST", "/api/v1/patients", "{", {{"Accept-Language", "fa"}});
  ASSERT_EQ(body.status, 400) << body.body;
  EXPECT_EQ(body.json()["error"]["code"], "malformed_json");
  EXPECT_EQ(body.json()["error"]["field"], "body");
  EXPECT_EQ(body.json()["error"]["reason"], "body_not_json");
  EXPECT_EQ(body.json()["error"]["message"], "بدنه درخواست JSON معتبر نیست");
}

// Refused by the server before any route runs, and still in the client's language.
TEST_F(ErrorCodes, OversizedRequestsAreRefusedInPersian) {
  // A Content-Length over the limit is refused unread: the body need not be sent.
  const std::string too_long_body =
      "POST /api/v1/patients HTTP/1.1\r\nHost: x\r\nAccept-Language: fa\r\n"
      "Content-Type: application/json\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n";
  const Reply large = raw_exchange(server_->port(), too_long_body);
  ASSERT_EQ(large.status, 413) << large.body;
  EXPECT_EQ(large.json()["error"]["reason"], "payload_too_large");
  const std::string large_message = large.json()["error"]["message"].get<std::string>();
  EXPECT_NE(large_message.find("بایت"), std::string::npos) << large_message;
  EXPECT_EQ(large_message.find_first_of("0123456789"), std::string::npos) << large_message;
  EXPECT_EQ(large.header("content-language"), "fa");

  const std::string big_header =
      "GET /healthz HTTP/1.1\r\nAccept-Language: fa-IR,fa;q=0.9\r\nX-Big: " + std::string(64 << 10, 'h') + "\r\n\r\n";
  const Reply headers = raw_exchange(server_->port(), big_header);
  ASSERT_EQ(headers.status, 431) << headers.body;
  EXPECT_EQ(headers.json()["error"]["reason"], "header_too_large");
  EXPECT_EQ(headers.json()["error"]["message"],
            "سرآیندهای درخواست بیش از اندازه بزرگ‌اند");
  EXPECT_EQ(headers.header("content-language"), "fa");
  // Without a Persian request, English as before.
  const Reply english =
      raw_exchange(server_->port(), "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(64 << 10, 'h') + "\r\n\r\n");
  ASSERT_EQ(english.status, 431);
  EXPECT_EQ(english.json()["error"]["message"], "request headers are too large");
}

}  // namespace
}  // namespace rp::test
