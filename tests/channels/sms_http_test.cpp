// The SMS gateway over HTTP against a real HTTP server on 127.0.0.1 (sms_sink.py): the
// configured request arrives as configured, and each kind of answer (success, 500, 429,
// 400, a refusing success test, garbage, a huge answer, silence) becomes the outcome the
// outbox needs, with a detail that never holds the text or the number.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../support/python_sink.hpp"
#include "channels/sms_http.hpp"

namespace rp::channels {
namespace {

using Outcome = SendResult::Outcome;

const OutgoingMessage kCodeMessage{"+989121234567", "", "کد ورود: ۱۲۳۴۵۶ \"quoted\" & more\nline two", "otp-42"};

SmsGatewayConfig form_gateway(const std::string& url) {
  SmsGatewayConfig c;
  c.url = url;
  c.headers = {{"Accept", "application/json"}, {"apikey", "secret-key"}};
  c.encoding = BodyEncoding::form;
  c.body = "receptor={to_local}&message={text}&localid={key}";
  c.answer = {"entries.0.messageid", "return.status", "200"};
  c.timeout = std::chrono::milliseconds(1500);
  return c;
}

// Neither the message's text nor its number, in any form, appears in a detail.
void expect_detail_clean(const SendResult& r) {
  EXPECT_FALSE(r.detail.empty());
  for (const char* secret : {"09121234567", "9121234567", "123456", "۱۲۳۴۵۶", "quoted", "secret-key"})
    EXPECT_EQ(r.detail.find(secret), std::string::npos) << r.detail;
}

class SmsGateway : public ::testing::Test {
 protected:
  test::PythonSink sink_{"sms_sink.py"};
};

TEST_F(SmsGateway, AFormRequestGoesAsConfiguredAndSuccessGivesTheProvidersId) {
  SmsHttpChannel channel(form_gateway(sink_.url("/ok/v1/send.json")));
  const SendResult r = channel.send(kCodeMessage);
  EXPECT_EQ(r.outcome, Outcome::sent) << r.detail;
  EXPECT_EQ(r.provider_id, "8001");
  expect_detail_clean(r);
  const auto records = sink_.records();
  ASSERT_EQ(records.size(), 1u);
  const auto& req = records[0];
  EXPECT_EQ(req["method"], "POST");
  EXPECT_EQ(req["path"], "/ok/v1/send.json");
  EXPECT_EQ(req["headers"]["apikey"], "secret-key");
  EXPECT_EQ(req["headers"]["content-type"], "application/x-www-form-urlencoded");
  // Decoded as a form, each field holds exactly the value given.
  const std::string body = req["body"];
  EXPECT_EQ(body.find("receptor=09121234567&message="), 0u) << body;
  EXPECT_NE(body.find("&localid=otp-42"), std::string::npos);
  EXPECT_EQ(body.find(' '), std::string::npos);  // every space and newline percent-encoded
  EXPECT_NE(body.find("%22quoted%22%20%26%20more%0Aline"), std::string::npos) << body;
}

TEST_F(SmsGateway, AJsonBodyCarriesTheTextEscapedAndIntact) {
  auto config = form_gateway(sink_.url("/ok"));
  config.encoding = BodyEncoding::json;
  config.body = R"({"to":"{to}","text":"{text}","id":"{key}"})";
  SmsHttpChannel channel(config);
  EXPECT_EQ(channel.send(kCodeMessage).outcome, Outcome::sent);
  const auto records = sink_.records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["headers"]["content-type"], "application/json; charset=utf-8");
  const auto sent = nlohmann::json::parse(records[0]["body"].get<std::string>(), nullptr, false);
  ASSERT_TRUE(sent.is_object()) << records[0]["body"];
  EXPECT_EQ(sent["to"], "+989121234567");
  EXPECT_EQ(sent["text"], kCodeMessage.body);
  EXPECT_EQ(sent["id"], "otp-42");
}

TEST_F(SmsGateway, AGetCarriesThePlaceholdersInItsQuery) {
  auto config = form_gateway(sink_.url("/ok?receptor={to}&message={text}"));
  config.method = "GET";
  config.body.clear();
  SmsHttpChannel channel(config);
  EXPECT_EQ(channel.send(kCodeMessage).outcome, Outcome::sent);
  const auto records = sink_.records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["method"], "GET");
  const std::string path = records[0]["path"];
  // کد: U+06A9 U+062F, percent-encoded byte by byte.
  EXPECT_EQ(path.find("/ok?receptor=%2B989121234567&message=%DA%A9%D8%AF"), 0u) << path;
}

TEST_F(SmsGateway, ServerErrorsAndBusyAreFailedToTryAgain) {
  for (const char* path : {"/fail500", "/busy429"}) {
    SmsHttpChannel channel(form_gateway(sink_.url(path)));
    const SendResult r = channel.send(kCodeMessage);
    EXPECT_EQ(r.outcome, Outcome::failed) << path << ": " << r.detail;
    expect_detail_clean(r);
  }
}

TEST_F(SmsGateway, ARefusalOrAFailedSuccessTestIsRejectedWithoutEchoingTheNumber) {
  for (const char* path : {"/reject400", "/status-false"}) {
    SmsHttpChannel channel(form_gateway(sink_.url(path)));
    const SendResult r = channel.send(kCodeMessage);
    EXPECT_EQ(r.outcome, Outcome::rejected) << path << ": " << r.detail;
    expect_detail_clean(r);  // the sink's answers echo the number
  }
  SmsHttpChannel channel(form_gateway(sink_.url("/status-false")));
  EXPECT_NE(channel.send(kCodeMessage).detail.find("return.status is 418"), std::string::npos);
}

TEST_F(SmsGateway, GarbageAndHugeAnswersAreUnknownNotACrash) {
  for (const char* path : {"/garbage", "/huge"}) {
    SmsHttpChannel channel(form_gateway(sink_.url(path)));
    const SendResult r = channel.send(kCodeMessage);
    EXPECT_EQ(r.outcome, Outcome::unknown) << path << ": " << r.detail;
    EXPECT_TRUE(r.provider_id.empty());
    expect_detail_clean(r);
  }
}

TEST_F(SmsGateway, SuccessWithoutAnIdIsSentAndSaysSo) {
  SmsHttpChannel channel(form_gateway(sink_.url("/missing-id")));
  const SendResult r = channel.send(kCodeMessage);
  EXPECT_EQ(r.outcome, Outcome::sent);
  EXPECT_TRUE(r.provider_id.empty());
  EXPECT_NE(r.detail.find("no entries.0.messageid"), std::string::npos) << r.detail;
}

TEST_F(SmsGateway, SilenceAfterTheRequestWasSentIsUnknown) {
  auto config = form_gateway(sink_.url("/hang"));
  config.timeout = std::chrono::milliseconds(700);
  SmsHttpChannel channel(config);
  const auto start = std::chrono::steady_clock::now();
  const SendResult r = channel.send(kCodeMessage);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(r.outcome, Outcome::unknown) << r.detail;
  expect_detail_clean(r);
  EXPECT_EQ(sink_.records().size(), 1u);  // it did arrive
}

TEST(SmsGatewayUnreachable, ConnectionRefusedIsFailedToTryAgain) {
  // A port that was just free: bound, read, closed.
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  SmsHttpChannel channel(form_gateway("http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/ok"));
  const SendResult r = channel.send(kCodeMessage);
  EXPECT_EQ(r.outcome, Outcome::failed) << r.detail;
  expect_detail_clean(r);
}

TEST(SmsTemplate, PlaceholdersAreWrittenPerEncodingAndTheRestKept) {
  const OutgoingMessage m{"+989121234567", "", "a\"b\\c\n{to}", "k 1"};
  EXPECT_EQ(fill_template(R"({"r":"{to}","t":"{text}","k":"{key}","x":"{other}"})", m, BodyEncoding::json),
            R"({"r":"+989121234567","t":"a\"b\\c\n{to}","k":"k 1","x":"{other}"})");
  EXPECT_EQ(fill_template("r={to_local}&t={text}&k={key}", m, BodyEncoding::form),
            "r=09121234567&t=a%22b%5Cc%0A%7Bto%7D&k=k%201");
  EXPECT_EQ(local_mobile("+989121234567"), "09121234567");
}

}  // namespace
}  // namespace rp::channels
