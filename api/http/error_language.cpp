#include "api/http/error_language.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/http/languages.hpp"
#include "base/error_catalogue.hpp"

namespace rp::api::http {

void localize_error(Response& res, std::string_view accept_language) {
  if (res.status < 400) return;
  res.varies_by_language = true;
  const auto language = [&res](const char* tag) { res.headers.emplace_back("Content-Language", tag); };
  if (accept_language.empty() || preferred_language(accept_language) != "fa") return language("en");
  nlohmann::json body = nlohmann::json::parse(res.body_text(), nullptr, false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return;
  nlohmann::json& error = body["error"];
  if (!error["message"].is_string()) return;
  if (!error["reason"].is_string()) return language("en");
  ErrorParams params;
  if (error["params"].is_object())
    for (const auto& [name, value] : error["params"].items())
      if (value.is_string()) params.emplace_back(name, value.get<std::string>());
  const auto persian = errors::sentence(error["reason"].get<std::string>(), params, "fa");
  if (!persian) return language("en");
  error["message"] = *persian;
  res.shared_body.reset();
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  language("fa");
}

std::string raw_header_value(std::string_view head, std::string_view name) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::size_t line = head.find('\n');
  while (line != std::string_view::npos) {
    const std::size_t start = line + 1;
    const std::size_t end = std::min(head.find('\n', start), head.size());
    const std::string_view text = head.substr(start, end - start);
    const std::size_t colon = text.find(':');
    if (colon == name.size() &&
        std::equal(name.begin(), name.end(), text.begin(), [&](char a, char b) { return lower(a) == lower(b); })) {
      std::string_view value = text.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
      return std::string(value);
    }
    if (text.empty() || text == "\r") break;  // the end of the head
    line = end < head.size() ? end : std::string_view::npos;
  }
  return "";
}

}  // namespace rp::api::http
