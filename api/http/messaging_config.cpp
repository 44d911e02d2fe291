#include "api/http/messaging_config.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api/http/config_block.hpp"
#include "base/error.hpp"

namespace rp::api::http {
namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

channels::BodyEncoding encoding_of(const std::string& field, const std::string& text) {
  if (text == "json") return channels::BodyEncoding::json;
  if (text == "form") return channels::BodyEncoding::form;
  throw InputError(field, "config_value_choice"_err, {{"key", field}, {"choices", "json, form"}});
}

bool starttls_required(const std::string& field, const std::string& text) {
  if (text == "required") return true;
  if (text == "optional") return false;
  throw InputError(field, "config_value_choice"_err, {{"key", field}, {"choices", "required, optional"}});
}

void read_sms(const YAML::Node& block, ServerConfig& c) {
  check_config_block(block, "sms",
                     {"url", "method", "headers", "content_type", "body", "message_id_path", "success_path",
                      "success_value", "timeout_ms", "connect_timeout_ms", "delivery_report"});
  auto& s = c.sms;
  read_config_key(block, "sms", "url", s.url);
  read_config_key(block, "sms", "method", s.method);
  if (const auto headers = block["headers"]) {
    if (!headers.IsMap()) throw InputError("sms.headers", "config_key_type"_err, {{"key", "sms.headers"}});
    s.headers.clear();
    try {
      for (const auto& kv : headers) s.headers.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
    } catch (const YAML::Exception&) {
      throw InputError("sms.headers", "config_key_type"_err, {{"key", "sms.headers"}});
    }
  }
  std::string content_type;
  read_config_key(block, "sms", "content_type", content_type);
  if (!content_type.empty()) s.encoding = encoding_of("sms.content_type", content_type);
  read_config_key(block, "sms", "body", s.body);
  read_config_key(block, "sms", "message_id_path", s.answer.message_id_path);
  read_config_key(block, "sms", "success_path", s.answer.success_path);
  read_config_key(block, "sms", "success_value", s.answer.success_value);
  long long timeout = s.timeout.count(), connect = s.connect_timeout.count();
  read_config_key(block, "sms", "timeout_ms", timeout);
  read_config_key(block, "sms", "connect_timeout_ms", connect);
  s.timeout = config_milliseconds("sms.timeout_ms", timeout, 100, 120000);
  s.connect_timeout = config_milliseconds("sms.connect_timeout_ms", connect, 100, 120000);
  if (const auto reports = block["delivery_report"]) {
    const std::string name = "sms.delivery_report";
    check_config_block(reports, name, {"token", "message_id_path", "status_path", "delivered", "failed"});
    read_config_key(reports, name, "token", c.sms_delivery_token);
    read_config_key(reports, name, "message_id_path", c.sms_delivery.id_path);
    read_config_key(reports, name, "status_path", c.sms_delivery.status_path);
    read_config_key(reports, name, "delivered", c.sms_delivery.delivered);
    read_config_key(reports, name, "failed", c.sms_delivery.failed);
  }
}

void read_smtp(const YAML::Node& block, ServerConfig& c) {
  check_config_block(block, "smtp", {"url", "starttls", "user", "password", "from", "timeout_ms", "ca_file"});
  read_config_key(block, "smtp", "url", c.smtp.url);
  std::string starttls;
  read_config_key(block, "smtp", "starttls", starttls);
  if (!starttls.empty()) c.smtp.starttls_required = starttls_required("smtp.starttls", starttls);
  read_config_key(block, "smtp", "user", c.smtp.user);
  read_config_key(block, "smtp", "password", c.smtp.password);
  read_config_key(block, "smtp", "from", c.smtp.from);
  read_config_key(block, "smtp", "ca_file", c.smtp.ca_file);
  long long timeout = c.smtp.timeout.count();
  read_config_key(block, "smtp", "timeout_ms", timeout);
  c.smtp.timeout = config_milliseconds("smtp.timeout_ms", timeout, 100, 300000);
}

long long env_ms(const char* name, long long fallback) {
  const char* v = env(name);
  if (!v) return fallback;
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    throw InputError(name, "integer_range"_err, {{"name", name}, {"min", 100}, {"max", 120000}});
  }
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

void check(const ServerConfig& c) {
  if (c.sms_configured()) {
    if (!starts_with(c.sms.url, "http://") && !starts_with(c.sms.url, "https://"))
      throw InputError("sms.url", "config_value_choice"_err, {{"key", "sms.url"}, {"choices", "http://…, https://…"}});
    if (c.sms.method != "GET" && c.sms.method != "POST" && c.sms.method != "PUT")
      throw InputError("sms.method", "config_value_choice"_err, {{"key", "sms.method"}, {"choices", "GET, POST, PUT"}});
    if (!c.sms.answer.success_path.empty() && c.sms.answer.success_value.empty())
      throw InputError("sms.success_value", "config_value_needed"_err,
                       {{"key", "sms.success_value"}, {"why", "the value sms.success_path must hold"}});
  }
  if (!c.sms_delivery_token.empty() && c.sms_delivery_token.size() < 16)
    throw InputError("sms.delivery_report.token", "config_value_needed"_err,
                     {{"key", "sms.delivery_report.token"}, {"why", "at least 16 characters"}});
  if (c.smtp_configured()) {
    if (!starts_with(c.smtp.url, "smtp://") && !starts_with(c.smtp.url, "smtps://"))
      throw InputError("smtp.url", "config_value_choice"_err,
                       {{"key", "smtp.url"}, {"choices", "smtp://host:587, smtps://host:465"}});
    if (c.smtp.from.find('@') == std::string::npos)
      throw InputError("smtp.from", "config_value_needed"_err,
                       {{"key", "smtp.from"}, {"why", "the address e-mail is sent from"}});
    // A missing file would only show as a failed send, message after message.
    if (!c.smtp.ca_file.empty() && !std::ifstream(c.smtp.ca_file))
      throw InputError("smtp.ca_file", "cannot_read_file"_err, {{"path", c.smtp.ca_file}});
  }
}

}  // namespace

void read_messaging_config(const YAML::Node& root, ServerConfig& config) {
  if (const auto sms = root["sms"]) read_sms(sms, config);
  if (const auto smtp = root["smtp"]) read_smtp(smtp, config);
}

void apply_messaging_env(ServerConfig& c) {
  if (const char* v = env("REGENPATH_SMS_URL")) c.sms.url = v;
  if (const char* v = env("REGENPATH_SMS_METHOD")) c.sms.method = v;
  if (const char* v = env("REGENPATH_SMS_HEADERS")) {
    // A JSON object of header name to value: {"apikey": "...", "Accept": "application/json"}.
    const auto headers = nlohmann::json::parse(v, nullptr, false);
    if (!headers.is_object())
      throw InputError("REGENPATH_SMS_HEADERS", "config_key_type"_err, {{"key", "REGENPATH_SMS_HEADERS"}});
    c.sms.headers.clear();
    for (const auto& [name, value] : headers.items()) {
      if (!value.is_string())
        throw InputError("REGENPATH_SMS_HEADERS", "config_key_type"_err, {{"key", "REGENPATH_SMS_HEADERS"}});
      c.sms.headers.emplace_back(name, value.get<std::string>());
    }
  }
  if (const char* v = env("REGENPATH_SMS_CONTENT_TYPE")) c.sms.encoding = encoding_of("REGENPATH_SMS_CONTENT_TYPE", v);
  if (const char* v = env("REGENPATH_SMS_BODY")) c.sms.body = v;
  if (const char* v = env("REGENPATH_SMS_MESSAGE_ID_PATH")) c.sms.answer.message_id_path = v;
  if (const char* v = env("REGENPATH_SMS_SUCCESS_PATH")) c.sms.answer.success_path = v;
  if (const char* v = env("REGENPATH_SMS_SUCCESS_VALUE")) c.sms.answer.success_value = v;
  c.sms.timeout = config_milliseconds("REGENPATH_SMS_TIMEOUT_MS",
                                      env_ms("REGENPATH_SMS_TIMEOUT_MS", c.sms.timeout.count()), 100, 120000);
  if (const char* v = env("REGENPATH_SMS_DELIVERY_TOKEN")) c.sms_delivery_token = v;
  if (const char* v = env("REGENPATH_SMTP_URL")) c.smtp.url = v;
  if (const char* v = env("REGENPATH_SMTP_STARTTLS"))
    c.smtp.starttls_required = starttls_required("REGENPATH_SMTP_STARTTLS", v);
  if (const char* v = env("REGENPATH_SMTP_USER")) c.smtp.user = v;
  if (const char* v = env("REGENPATH_SMTP_PASSWORD")) c.smtp.password = v;
  if (const char* v = env("REGENPATH_SMTP_FROM")) c.smtp.from = v;
  if (const char* v = env("REGENPATH_SMTP_CA_FILE")) c.smtp.ca_file = v;
  check(c);
}

std::string messaging_sample_config() {
  return R"(
# SMS (the portal's one-time sign-in codes; patient messages once the outbox sends them).
# An HTTP gateway whose request is configuration. Placeholders, percent-encoded in the URL
# and written per content_type in the body (json: JSON-string-escaped, so put them inside
# quotes; form: percent-encoded): {to} the mobile as +989XXXXXXXXX, {to_local} as
# 09XXXXXXXXX, {text} the message, {key} the message's own id (a provider's "local id",
# so that it refuses the same message twice). The answer: HTTP 2xx and, when set,
# success_path must hold success_value (e.g. return.status == 200); message_id_path is
# where the provider's id is (entries.0.messageid or entries[0].messageid). 5xx, 429 and
# unreachable: failed, tried again later; a timeout once sent: unknown; other 4xx or a
# failed success test: rejected. Without sms.url there is no SMS gateway and one-time
# codes go to the server log (the server says so when it starts): for the demo only.
# Environment: REGENPATH_SMS_URL, _SMS_METHOD, _SMS_HEADERS (a JSON object),
# _SMS_CONTENT_TYPE, _SMS_BODY, _SMS_MESSAGE_ID_PATH, _SMS_SUCCESS_PATH, _SMS_SUCCESS_VALUE,
# _SMS_TIMEOUT_MS, _SMS_DELIVERY_TOKEN; keep the API key out of this file with them.
# sms:
#   url: https://api.example.ir/v1/API-KEY/sms/send.json
#   method: POST
#   headers: {Accept: application/json}
#   content_type: form
#   body: "receptor={to_local}&sender=10004346&message={text}&localid={key}"
#   message_id_path: entries.0.messageid
#   success_path: return.status
#   success_value: "200"
#   timeout_ms: 10000
#   connect_timeout_ms: 5000
#   # Delivery reports the provider calls back: POST /api/v1/messaging/sms-delivery with
#   # this shared token as a bearer token, or in the URL (?token=...) for a provider that
#   # calls a fixed URL; without a token the route is not there. Where its message id and
#   # status are (a JSON path, or a form field's name), and which status values mean
#   # delivered and failed; any other is "unknown" (still on its way) and changes nothing.
#   delivery_report:
#     token: a-shared-secret-of-16-or-more-characters
#     message_id_path: messageid
#     status_path: status
#     delivered: ["10"]
#     failed: ["6", "11", "14"]

# E-mail: SMTP, STARTTLS on smtp:// (starttls: required refuses to send in the clear;
# optional uses it when offered), implicit TLS on smtps://. The server's certificate is
# always verified, against the system's authorities or ca_file's (a server signed by the
# clinic's own). Environment: REGENPATH_SMTP_URL, _SMTP_STARTTLS, _SMTP_USER,
# _SMTP_PASSWORD, _SMTP_FROM, _SMTP_CA_FILE.
# smtp:
#   url: smtp://mail.example.ir:587
#   starttls: required
#   user: clinic@example.ir
#   password: ""
#   from: clinic@example.ir
#   timeout_ms: 30000
#   ca_file: ""
)";
}

}  // namespace rp::api::http
