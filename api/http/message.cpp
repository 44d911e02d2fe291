#include "api/http/message.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error_catalogue.hpp"

namespace rp::api::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space, bool& ok) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      const int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        ok = false;
        return out;
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool parse_target(std::string_view target, Request& out) {
  if (target.empty() || target.front() != '/') return false;
  const auto q = target.find('?');
  bool ok = true;
  out.path = percent_decode(target.substr(0, q), false, ok);
  // A decoded path must not smuggle a NUL or a second query.
  if (!ok || out.path.find('\0') != std::string::npos) return false;
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq), true, ok);
    std::string value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true, ok);
    if (!ok) return false;
    if (!key.empty()) out.query[std::move(key)] = std::move(value);
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return true;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    header = header.substr(semi + 1);
  }
  return "";
}

Response json_response(int status, std::string json_text) {
  Response r;
  r.status = status;
  r.body = std::move(json_text);
  return r;
}

namespace {

Response error_body(int status, std::string_view code, std::string_view message, std::string_view field,
                    std::string_view reason, const ErrorParams& params) {
  nlohmann::json e = {
      {"code", code}, {"message", message}, {"field", field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field)}};
  nlohmann::json values = nlohmann::json::object();
  for (const ErrorParam& p : params) values[p.name] = p.value;
  e["reason"] = reason;
  e["params"] = std::move(values);
  return json_response(status,
                       nlohmann::json{{"error", e}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

Response error_response(int status, std::string_view code, const InputError& e) {
  return error_body(status, code, e.what(), e.field(), e.code(), e.params());
}

Response error_response(int status, std::string_view code, ErrorCode reason, const ErrorParams& params,
                        std::string_view field) {
  const std::string english = errors::sentence(reason.id, params, "en").value_or(std::string(reason.id));
  return error_body(status, code, english, field, reason.id, params);
}

void add_security_headers(Response& r, bool tls) {
  r.secured = true;
  r.hsts = tls;
}

Response shared_json_response(int status, std::shared_ptr<const CompressibleText> json_text) {
  Response r;
  r.status = status;
  r.shared_body = std::move(json_text);
  return r;
}

}  // namespace rp::api::http
