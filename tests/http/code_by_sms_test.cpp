// The portal's one-time code by SMS, end to end: `regenpath serve` configured with an SMS
// gateway (REGENPATH_SMS_*) pointing at a real HTTP server on 127.0.0.1 (sms_sink.py);
// the patient asks for a code, the gateway receives it in Persian and English, and the
// code read from the gateway's record signs the patient in. The log holds neither the
// number nor the code, and a failing gateway answers the requester exactly as an unknown
// number does.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/python_sink.hpp"
#include "base/digits.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

constexpr const char* kSmsMobile = "09125550002";

std::string whole_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CodeBySms : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(db_);
    auto store = store::open_sqlite(db_);
    service::Pathway pathway(*store, Clock::system());
    Patient p = test_patient("a", "MRN-sms");
    p.mobile = kSmsMobile;
    patient_ = pathway.add_patient(service::Actor::cli_operator(), p).id;
  }
  // The server with its gateway at `path` of the sink (a JSON body, the provider's id and
  // success test as a Kavenegar-like provider answers).
  void start(const std::string& path) {
    env_ = {"REGENPATH_SMS_URL=" + sink_.url(path),
            "REGENPATH_SMS_CONTENT_TYPE=json",
            R"(REGENPATH_SMS_BODY={"receptor":"{to_local}","message":"{text}","localid":"{key}"})",
            R"(REGENPATH_SMS_HEADERS={"apikey":"test-api-key"})",
            "REGENPATH_SMS_MESSAGE_ID_PATH=entries[0].messageid",
            "REGENPATH_SMS_SUCCESS_PATH=return.status",
            "REGENPATH_SMS_SUCCESS_VALUE=200",
            "REGENPATH_SMS_TIMEOUT_MS=2000"};
    server_ = std::make_unique<ServerProcess>(db_, env_, log_);
  }
  Reply ask_code(const std::string& mobile) const {
    return Client{server_->port()}.post("/api/v1/patient-auth/code", {{"mobile", mobile}});
  }
  // Waits until the log has a line containing `text`.
  bool log_says(const std::string& text) const {
    for (int i = 0; i < 250; ++i) {
      if (whole_file(log_).find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  TempDir dir_;
  std::string db_ = dir_.file("sms.db");
  std::string log_ = dir_.file("log");
  std::int64_t patient_ = 0;
  PythonSink sink_{"sms_sink.py"};
  std::vector<std::string> env_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(CodeBySms, TheCodeGoesByTheGatewayAndSignsThePatientIn) {
  start("/ok/v1/send.json");
  ASSERT_EQ(ask_code(kSmsMobile).status, 202);
  const auto records = sink_.await_records(1);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["headers"]["apikey"], "test-api-key");
  const auto sent = nlohmann::json::parse(records[0]["body"].get<std::string>(), nullptr, false);
  ASSERT_TRUE(sent.is_object()) << records[0]["body"];
  EXPECT_EQ(sent["receptor"], kSmsMobile);
  EXPECT_EQ(sent["localid"].get<std::string>().rfind("otp-", 0), 0u);
  // Persian first, with Persian digits; English second, with the same code in ASCII.
  const std::string text = sent["message"];
  const std::string english = "regenpath sign-in code: ";
  const auto at = text.find(english);
  ASSERT_NE(at, std::string::npos) << text;
  const std::string code = text.substr(at + english.size(), 6);
  ASSERT_EQ(code.size(), 6u);
  ASSERT_TRUE(std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) << text;
  EXPECT_EQ(text.rfind("کد ورود رگن\u200cپث: " + persian_digits(code) + "\n", 0), 0u) << text;

  const Reply r = Client{server_->port()}.post("/api/v1/patient-auth/login", {{"mobile", kSmsMobile}, {"code", code}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["patient_id"], patient_);

  // The log says it went, by whom it was asked for, and nothing else.
  EXPECT_TRUE(log_says("one-time code for patient #" + std::to_string(patient_) + " by sms: sent"));
  const std::string log = whole_file(log_);
  EXPECT_EQ(log.find(code), std::string::npos);
  EXPECT_EQ(log.find("9125550002"), std::string::npos);
  EXPECT_EQ(log.find("test-api-key"), std::string::npos);
  EXPECT_EQ(log.find("no SMS gateway"), std::string::npos);
  EXPECT_EQ(code_from_log(log_, patient_), "");
}

TEST_F(CodeBySms, AnUnknownNumberGetsTheSameAnswerAndNothingIsSent) {
  start("/ok");
  const Reply known = ask_code(kSmsMobile);
  const Reply unknown = ask_code("09125559999");
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  ASSERT_EQ(sink_.await_records(1).size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(sink_.records().size(), 1u);
}

TEST_F(CodeBySms, AFailingGatewayAnswersAsAnUnknownNumberAndIsLoggedWithoutNumberOrCode) {
  start("/fail500");
  const Reply failing = ask_code(kSmsMobile);
  const Reply unknown = ask_code("09125559999");
  EXPECT_EQ(failing.status, 202);
  EXPECT_EQ(failing.status, unknown.status);
  EXPECT_EQ(failing.body, unknown.body);
  ASSERT_EQ(sink_.await_records(1).size(), 1u);
  ASSERT_TRUE(log_says("one-time code for patient #" + std::to_string(patient_) + " by sms: failed (HTTP 500"))
      << whole_file(log_);
  const std::string log = whole_file(log_);
  EXPECT_EQ(log.find("9125550002"), std::string::npos);
  const auto sent = nlohmann::json::parse(sink_.records()[0]["body"].get<std::string>(), nullptr, false);
  const std::string text = sent.value("message", "");
  const std::string code = text.substr(text.find(": ", text.find("regenpath")) + 2, 6);
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(log.find(code), std::string::npos);
}

TEST(CodeByLog, WithoutAGatewayTheServerSaysCodesGoToTheLog) {
  TempDir dir;
  seed(dir.file("log.db"));
  { ServerProcess server(dir.file("log.db"), {}, dir.file("log")); }
  EXPECT_NE(whole_file(dir.file("log")).find("no SMS gateway: one-time codes go to the server log"), std::string::npos);
}

}  // namespace
}  // namespace rp::test
