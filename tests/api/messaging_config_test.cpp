// The server config's messaging blocks: `sms:` and `smtp:` from the file, the
// environment's REGENPATH_SMS_* / REGENPATH_SMTP_* over them, the documented sample's
// blocks read back as written, and bad values refused naming the key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/http/messaging_config.hpp"
#include "api/http/server_config.hpp"
#include "base/error.hpp"

namespace rp::api::http {
namespace {

class MessagingConfigFile {
 public:
  explicit MessagingConfigFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("rp-messaging-" + std::to_string(::getpid()) + ".yaml")) {
    std::ofstream(path_) << text;
  }
  ~MessagingConfigFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

void clear_messaging_env() {
  for (const char* name :
       {"REGENPATH_SMS_URL", "REGENPATH_SMS_METHOD", "REGENPATH_SMS_HEADERS", "REGENPATH_SMS_CONTENT_TYPE",
        "REGENPATH_SMS_BODY", "REGENPATH_SMS_MESSAGE_ID_PATH", "REGENPATH_SMS_SUCCESS_PATH",
        "REGENPATH_SMS_SUCCESS_VALUE", "REGENPATH_SMS_TIMEOUT_MS", "REGENPATH_SMS_DELIVERY_TOKEN", "REGENPATH_SMTP_URL",
        "REGENPATH_SMTP_STARTTLS", "REGENPATH_SMTP_USER", "REGENPATH_SMTP_PASSWORD", "REGENPATH_SMTP_FROM",
        "REGENPATH_SMTP_CA_FILE"})
    ::unsetenv(name);
}

// The sample's messaging blocks with their leading "# " taken off: what a clinic writes.
std::string uncommented_sample() {
  std::istringstream in(messaging_sample_config());
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.rfind("# sms:", 0) == 0 || line.rfind("# smtp:", 0) == 0 || line.rfind("#   ", 0) == 0)
      out += line.substr(2) + "\n";
  }
  return out;
}

TEST(MessagingConfig, UnsetThereIsNeitherGatewayNorMail) {
  clear_messaging_env();
  const auto c = load_server_config("");
  EXPECT_FALSE(c.sms_configured());
  EXPECT_FALSE(c.smtp_configured());
}

TEST(MessagingConfig, TheSamplesBlocksReadBackAsDocumented) {
  clear_messaging_env();
  const MessagingConfigFile f(uncommented_sample());
  const auto c = load_server_config(f.path());
  ASSERT_TRUE(c.sms_configured());
  EXPECT_EQ(c.sms.url, "https://api.example.ir/v1/API-KEY/sms/send.json");
  EXPECT_EQ(c.sms.method, "POST");
  ASSERT_EQ(c.sms.headers.size(), 1u);
  EXPECT_EQ(c.sms.headers[0], (std::pair<std::string, std::string>{"Accept", "application/json"}));
  EXPECT_EQ(c.sms.encoding, channels::BodyEncoding::form);
  EXPECT_EQ(c.sms.body, "receptor={to_local}&sender=10004346&message={text}&localid={key}");
  EXPECT_EQ(c.sms.answer.message_id_path, "entries.0.messageid");
  EXPECT_EQ(c.sms.answer.success_path, "return.status");
  EXPECT_EQ(c.sms.answer.success_value, "200");
  EXPECT_EQ(c.sms.timeout, std::chrono::milliseconds(10000));
  EXPECT_EQ(c.sms_delivery_token, "a-shared-secret-of-16-or-more-characters");
  EXPECT_EQ(c.sms_delivery.delivered, std::vector<std::string>{"10"});
  EXPECT_EQ(c.sms_delivery.failed, (std::vector<std::string>{"6", "11", "14"}));
  ASSERT_TRUE(c.smtp_configured());
  EXPECT_EQ(c.smtp.url, "smtp://mail.example.ir:587");
  EXPECT_TRUE(c.smtp.starttls_required);
  EXPECT_EQ(c.smtp.from, "clinic@example.ir");
  EXPECT_EQ(c.smtp.ca_file, "");
}

TEST(MessagingConfig, TheEnvironmentOverridesTheFile) {
  clear_messaging_env();
  const MessagingConfigFile f(uncommented_sample());
  ::setenv("REGENPATH_SMS_URL", "http://127.0.0.1:9/send", 1);
  ::setenv("REGENPATH_SMS_HEADERS", R"({"apikey":"from-env"})", 1);
  ::setenv("REGENPATH_SMS_CONTENT_TYPE", "json", 1);
  ::setenv("REGENPATH_SMS_TIMEOUT_MS", "2500", 1);
  ::setenv("REGENPATH_SMTP_PASSWORD", "from-env-too", 1);
  ::setenv("REGENPATH_SMTP_STARTTLS", "optional", 1);
  const auto c = load_server_config(f.path());
  clear_messaging_env();
  EXPECT_EQ(c.sms.url, "http://127.0.0.1:9/send");
  ASSERT_EQ(c.sms.headers.size(), 1u);
  EXPECT_EQ(c.sms.headers[0].second, "from-env");
  EXPECT_EQ(c.sms.encoding, channels::BodyEncoding::json);
  EXPECT_EQ(c.sms.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(c.smtp.password, "from-env-too");
  EXPECT_FALSE(c.smtp.starttls_required);
}

TEST(MessagingConfig, BadValuesAreRefusedNamingTheKey) {
  clear_messaging_env();
  const auto field_of = [](const std::string& text) {
    const MessagingConfigFile f(text);
    try {
      load_server_config(f.path());
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field_of("sms: {url: 'http://x/send'}\n"), "accepted");
  EXPECT_EQ(field_of("sms: {url: 'ftp://x/send'}\n"), "sms.url");
  EXPECT_EQ(field_of("sms: {url: 'http://x', colour: blue}\n"), "sms.colour");
  EXPECT_EQ(field_of("sms: {url: 'http://x', content_type: xml}\n"), "sms.content_type");
  EXPECT_EQ(field_of("sms: {url: 'http://x', method: DELETE}\n"), "sms.method");
  EXPECT_EQ(field_of("sms: {url: 'http://x', success_path: return.status}\n"), "sms.success_value");
  EXPECT_EQ(field_of("sms: {url: 'http://x', timeout_ms: 5}\n"), "sms.timeout_ms");
  EXPECT_EQ(field_of("sms: {url: 'http://x', headers: [a]}\n"), "sms.headers");
  EXPECT_EQ(field_of("sms: {url: 'http://x', delivery_report: {token: short}}\n"), "sms.delivery_report.token");
  EXPECT_EQ(field_of("sms: [a]\n"), "sms");
  EXPECT_EQ(field_of("smtp: {url: 'smtp://h:587'}\n"), "smtp.from");
  EXPECT_EQ(field_of("smtp: {url: 'http://h', from: a@b.ir}\n"), "smtp.url");
  EXPECT_EQ(field_of("smtp: {url: 'smtp://h:587', from: a@b.ir, starttls: maybe}\n"), "smtp.starttls");
  EXPECT_EQ(field_of("smtp: {url: 'smtps://h:465', from: a@b.ir}\n"), "accepted");
  EXPECT_EQ(field_of("smtp: {url: 'smtps://h:465', from: a@b.ir, ca_file: /nonexistent/ca.pem}\n"), "smtp.ca_file");
  EXPECT_EQ(field_of("smtp: {url: 'smtps://h:465', from: a@b.ir, ca_file: /etc/passwd}\n"), "accepted");
}

}  // namespace
}  // namespace rp::api::http
