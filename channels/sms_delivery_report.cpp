#include "channels/sms_delivery_report.hpp"

#include <algorithm>
#include <cctype>

#include "channels/provider_answer.hpp"

namespace rp::channels {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The first value of a form field, or nullopt.
std::optional<std::string> form_field(std::string_view body, const std::string& name) {
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t amp = std::min(body.find('&', start), body.size());
    const std::string_view pair = body.substr(start, amp - start);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && form_decoded(pair.substr(0, eq)) == name)
      return form_decoded(pair.substr(eq + 1));
    start = amp + 1;
  }
  return std::nullopt;
}

bool looks_like_json(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (body[first] == '{' || body[first] == '[');
}

bool plain(const std::string& value) {
  return value.size() <= 16 && std::all_of(value.begin(), value.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '_' || c == ' ';
         });
}

}  // namespace

std::optional<DeliveryReport> parse_delivery_report(const DeliveryReportRules& rules, std::string_view body) {
  if (body.size() > kMaxAnswerBytes) return std::nullopt;
  const bool json = looks_like_json(body);
  const auto read = [&](const std::string& path) { return json ? scalar_at(body, path) : form_field(body, path); };
  auto id = read(rules.id_path);
  if (!id || id->empty() || id->size() > 256) return std::nullopt;
  DeliveryReport report;
  report.provider_id = std::move(*id);
  const auto status = read(rules.status_path);
  if (!status) {
    report.detail = "no status in the report";
    return report;
  }
  const auto is_one_of = [&](const std::vector<std::string>& values) {
    return std::find(values.begin(), values.end(), *status) != values.end();
  };
  if (is_one_of(rules.delivered)) {
    report.status = DeliveryReport::Status::delivered;
  } else if (is_one_of(rules.failed)) {
    report.status = DeliveryReport::Status::failed;
  }
  report.detail = "status " + (plain(*status) ? *status : std::string("(not shown)"));
  return report;
}

}  // namespace rp::channels
