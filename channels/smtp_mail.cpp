// One SMTP session per message through libcurl. The server's last reply code decides the
// outcome: 2xx sent, 4xx failed (try again later), 5xx rejected (a bad address: never).
#include "channels/smtp_mail.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>

#include "channels/curl_transfer.hpp"

namespace rp::channels {
namespace {

std::string base64(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Base64 in lines of 76 characters, as MIME wants them.
std::string base64_lines(std::string_view bytes) {
  const std::string all = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

// An RFC 2047 encoded word per chunk of whole UTF-8 characters (at most 45 bytes each,
// so that a word stays within 75 characters), folded onto continuation lines.
std::string encoded_subject(std::string_view subject) {
  std::string out;
  std::size_t i = 0;
  while (i < subject.size()) {
    std::size_t end = std::min(subject.size(), i + 45);
    while (end < subject.size() && end > i && (static_cast<unsigned char>(subject[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(subject.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

// Header values must not carry line breaks (a header injection through an address).
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

struct Upload {
  std::string data;
  std::size_t sent = 0;
};

std::size_t feed(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data.size() - up->sent);
  std::memcpy(buffer, up->data.data() + up->sent, n);
  up->sent += n;
  return n;
}

std::string rfc5322_now() {
  const std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buf;
}

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "regenpath.invalid" : address.substr(at + 1);
}

// The key as it may stand in a Message-ID: letters, digits and - . _ only.
std::string id_part(const std::string& key) {
  std::string out;
  for (const char c : key) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
  return out.empty() ? "message" : out;
}

}  // namespace

std::string mime_message(const SmtpConfig& config, const OutgoingMessage& message, const std::string& date,
                         const std::string& message_id) {
  std::string body;
  for (std::size_t i = 0; i < message.body.size(); ++i) {  // CRLF line ends
    if (message.body[i] == '\n' && (i == 0 || message.body[i - 1] != '\r')) body += '\r';
    body += message.body[i];
  }
  return "Date: " + date + "\r\nFrom: <" + one_line(config.from) + ">\r\nTo: <" + one_line(message.to) +
         ">\r\nMessage-ID: " + message_id + "\r\nSubject: " + encoded_subject(message.subject) +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         base64_lines(body);
}

SmtpMailChannel::SmtpMailChannel(SmtpConfig config) : config_(std::move(config)) { init_curl_once(); }

SendResult SmtpMailChannel::send(const OutgoingMessage& message) {
  using O = SendResult::Outcome;
  const std::string message_id = "<" + id_part(message.idempotency_key) + "@" + domain_of(config_.from) + ">";
  Upload upload{mime_message(config_, message, rfc5322_now(), message_id)};
  CurlHandle handle = new_curl_handle();
  CURL* h = handle.get();
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + one_line(message.to) + ">").c_str());
  const std::string from = "<" + one_line(config_.from) + ">";
  curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_USE_SSL, config_.starttls_required ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  if (!config_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, feed);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE, static_cast<long>(upload.data.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  const CURLcode code = curl_easy_perform(h);
  curl_slist_free_all(recipients);
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  const std::string smtp = "SMTP " + std::to_string(reply);
  if (code == CURLE_OK) return {O::sent, message_id, smtp};
  // Wrong credentials or a server without the TLS the configuration requires are the
  // clinic's to correct, whatever the server's reply code; the message itself may still go.
  if (code == CURLE_LOGIN_DENIED) return {O::failed, "", smtp + ": the server refused the sign-in"};
  if (code == CURLE_USE_SSL_FAILED) return {O::failed, "", smtp + ": STARTTLS is required and the server refused it"};
  if (reply >= 500 && reply < 600) return {O::rejected, "", smtp + ": the server refused the message"};
  if (reply >= 400 && reply < 500) return {O::failed, "", smtp + ": the server asks to try again later"};
  // No reply code to go by: whether the message body had started to go decides.
  SendResult out = transport_failure(h, code);
  if (upload.sent > 0 && out.outcome == O::failed && code != CURLE_LOGIN_DENIED && code != CURLE_USE_SSL_FAILED)
    out = {O::unknown, "", out.detail + " (after the message was sent)"};
  return out;
}

}  // namespace rp::channels
