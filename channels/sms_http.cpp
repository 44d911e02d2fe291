// One HTTP exchange per message through libcurl: the configured request filled in, the
// answer read by the configured paths (provider_answer.hpp). The text and the number go
// into the request only; the detail of a result names the status and the rule.
#include "channels/sms_http.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "channels/curl_transfer.hpp"

namespace rp::channels {
namespace {

std::string json_escaped(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);  // UTF-8 passes as it is
        }
    }
  }
  return out;
}

std::string percent_encoded(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Collects the answer up to kMaxAnswerBytes; a longer one stops the transfer.
std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body->size() + n > kMaxAnswerBytes) return 0;
  body->append(data, n);
  return n;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& line) {
    if (auto* next = curl_slist_append(list, line.c_str())) list = next;
  }
};

bool is_content_type(const std::string& name) {
  static const std::string_view wanted = "content-type";
  return name.size() == wanted.size() && std::equal(name.begin(), name.end(), wanted.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

}  // namespace

std::string local_mobile(const std::string& international) {
  if (international.rfind("+98", 0) == 0) return "0" + international.substr(3);
  return international;
}

std::string fill_template(std::string_view template_text, const OutgoingMessage& message, BodyEncoding encoding) {
  const auto write = [encoding](std::string_view value) {
    return encoding == BodyEncoding::json ? json_escaped(value) : percent_encoded(value);
  };
  const std::pair<std::string_view, std::string> values[] = {{"{to}", message.to},
                                                             {"{to_local}", local_mobile(message.to)},
                                                             {"{text}", message.body},
                                                             {"{key}", message.idempotency_key}};
  std::string out;
  std::size_t i = 0;
  while (i < template_text.size()) {
    bool replaced = false;
    if (template_text[i] == '{') {
      for (const auto& [name, value] : values) {
        if (template_text.substr(i, name.size()) == name) {
          out += write(value);
          i += name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += template_text[i++];
  }
  return out;
}

SmsHttpChannel::SmsHttpChannel(SmsGatewayConfig config) : config_(std::move(config)) { init_curl_once(); }

SendResult SmsHttpChannel::send(const OutgoingMessage& message) {
  CurlHandle handle = new_curl_handle();
  CURL* h = handle.get();
  // The URL is percent-encoded whatever the body's form: placeholders in a GET's query.
  const std::string url = fill_template(config_.url, message, BodyEncoding::form);
  const std::string body = fill_template(config_.body, message, config_.encoding);
  HeaderList headers;
  bool has_content_type = false;
  for (const auto& [name, value] : config_.headers) {
    headers.add(name + ": " + value);
    if (is_content_type(name)) has_content_type = true;
  }
  if (!config_.body.empty() && !has_content_type) {
    headers.add(config_.encoding == BodyEncoding::json ? "Content-Type: application/json; charset=utf-8"
                                                       : "Content-Type: application/x-www-form-urlencoded");
  }
  headers.add("Expect:");  // no 100-continue round trip for a small body
  std::string answer;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: timeouts without SIGALRM
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
  if (config_.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    if (config_.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, config_.method.c_str());
  }
  const CURLcode code = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (code == CURLE_WRITE_ERROR && status != 0) {
    // The answer outgrew the limit: read by its status, the body as unreadable.
    return read_answer(config_.answer, status, std::string(kMaxAnswerBytes + 1, ' '));
  }
  if (code != CURLE_OK) return transport_failure(h, code);
  return read_answer(config_.answer, status, answer);
}

}  // namespace rp::channels
