// E-mail through a real SMTP server on 127.0.0.1 (smtp_sink.py, Debian's aiosmtpd): a
// Persian subject and body arrive intact, read back by Python's own e-mail parser; the
// server's refusals become rejected (5xx) or failed (4xx); STARTTLS, when required, is
// never skipped, and a server requiring it gets the message encrypted once its
// certificate verifies.
#include <gtest/gtest.h>

#include "../support/python_sink.hpp"
#include "channels/smtp_mail.hpp"

namespace rp::channels {
namespace {

using Outcome = SendResult::Outcome;

class SmtpMail : public ::testing::Test {
 protected:
  SmtpConfig plain() const {
    SmtpConfig c;
    c.url = "smtp://127.0.0.1:" + std::to_string(sink_.port());
    c.starttls_required = false;  // the sink offers no STARTTLS
    c.from = "clinic@regenpath.test";
    c.timeout = std::chrono::milliseconds(10000);
    return c;
  }
  test::PythonSink sink_{"smtp_sink.py"};
};

// Line ends as the parser hands them back (CRLF on the wire), trailing ones dropped.
std::string smtp_test_text(std::string s) {
  std::string out;
  for (const char c : s)
    if (c != '\r') out += c;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST_F(SmtpMail, APersianMessageArrivesIntact) {
  // Long enough that the subject spans several encoded words, split between characters.
  const std::string subject =
      "یادآوری: پرسشنامهٔ پیگیری ۶ ماه پس از تزریق — رگن‌پث، لطفاً "
      "پاسخ "
      "دهید";
  const std::string body =
      "بیمار گرامی،\nپرسشنامهٔ ۶ ماهه آماده است.\nDear patient, your 6-month questionnaire is ready.\n.\nend";
  SmtpMailChannel channel(plain());
  const SendResult r = channel.send({"patient@example.ir", subject, body, "msg-77"});
  ASSERT_EQ(r.outcome, Outcome::sent) << r.detail;
  EXPECT_EQ(r.provider_id, "<msg-77@regenpath.test>");
  const auto records = sink_.await_records(1);
  ASSERT_EQ(records.size(), 1u);
  const auto& m = records[0];
  EXPECT_EQ(m["mail_from"], "clinic@regenpath.test");
  EXPECT_EQ(m["rcpt_tos"], nlohmann::json::array({"patient@example.ir"}));
  EXPECT_EQ(m["subject"], subject);
  EXPECT_EQ(smtp_test_text(m["body"]), body);  // the lone "." line survives too
  EXPECT_EQ(m["message_id"], "<msg-77@regenpath.test>");
  EXPECT_EQ(m["content_type"], "text/plain");
  EXPECT_EQ(m["charset"], "utf-8");
}

TEST_F(SmtpMail, APermanentRefusalIsRejectedAndATemporaryOneFailed) {
  SmtpMailChannel channel(plain());
  const SendResult refused = channel.send({"reject@example.ir", "s", "b", "k1"});
  EXPECT_EQ(refused.outcome, Outcome::rejected) << refused.detail;
  EXPECT_EQ(refused.detail.find("reject@"), std::string::npos);
  const SendResult later = channel.send({"later@example.ir", "s", "b", "k2"});
  EXPECT_EQ(later.outcome, Outcome::failed) << later.detail;
  EXPECT_TRUE(sink_.records().empty());
}

TEST_F(SmtpMail, RequiredStarttlsIsNeverSkipped) {
  auto config = plain();
  config.starttls_required = true;
  SmtpMailChannel channel(config);
  const SendResult r = channel.send({"patient@example.ir", "s", "secret body", "k3"});
  EXPECT_EQ(r.outcome, Outcome::failed) << r.detail;
  EXPECT_TRUE(sink_.records().empty());  // nothing went in the clear
}

// A server that requires STARTTLS (the sink with a certificate of its own): the message
// goes encrypted once the client trusts that certificate, and never to a server it cannot
// verify.
TEST(SmtpStarttls, TheMessageGoesEncryptedToAVerifiedServerOnly) {
  test::PythonSink sink("smtp_sink.py", "starttls");
  SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(sink.port());
  config.starttls_required = true;
  config.from = "clinic@regenpath.test";
  config.timeout = std::chrono::milliseconds(10000);
  const SendResult untrusted = SmtpMailChannel(config).send({"patient@example.ir", "s", "secret body", "k4"});
  EXPECT_EQ(untrusted.outcome, Outcome::failed) << untrusted.detail;
  EXPECT_TRUE(sink.records().empty());

  config.ca_file = sink.dir() + "/cert.pem";
  const std::string body = "پرسشنامهٔ ۶ ماهه آماده است.";
  const SendResult r = SmtpMailChannel(config).send({"patient@example.ir", "یادآوری", body, "k5"});
  ASSERT_EQ(r.outcome, Outcome::sent) << r.detail;
  const auto records = sink.await_records(1);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["tls"], true);
  EXPECT_EQ(records[0]["subject"], "یادآوری");
  EXPECT_EQ(smtp_test_text(records[0]["body"]), body);
}

TEST(SmtpMime, HeadersCannotBeInjectedThroughAnAddress) {
  SmtpConfig c;
  c.from = "clinic@regenpath.test";
  const std::string text = mime_message(c, {"a@b.ir\r\nBcc: x@y.ir", "s", "b", "k"}, "Thu, 01 Jan 2026 00:00:00 +0000",
                                        "<k@regenpath.test>");
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?cw==?="), std::string::npos);
}

}  // namespace
}  // namespace rp::channels
