#include "app/report_format.hpp"

#include <cmath>
#include <cstdio>

#include "base/digits.hpp"
#include "base/error.hpp"

namespace rp::app {

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Words::Words(const nlohmann::json& all, std::string lang) : text_(all.at(lang)), lang_(std::move(lang)) {}

std::string Words::operator()(const std::string& key,
                              std::initializer_list<std::pair<const char*, std::string>> values) const {
  const auto it = text_.find(key);
  if (it == text_.end()) throw InputError("template", "the report wording has no '" + key + "' in " + lang_);
  std::string s = escape_html(it->get<std::string>());
  for (const auto& [name, value] : values) {
    const std::string slot = std::string("{") + name + "}";
    for (std::size_t at = s.find(slot); at != std::string::npos; at = s.find(slot, at + value.size()))
      s.replace(at, slot.size(), value);
  }
  return s;
}

std::string Words::digits(const std::string& ascii) const {
  if (lang_ != "fa") return ascii;
  std::string s = persian_digits(ascii);
  for (std::size_t at = s.find('.'); at != std::string::npos; at = s.find('.', at)) s.replace(at, 1, "٫");
  return s;
}

std::string Words::number(const nlohmann::json& value, int decimals) const {
  if (!value.is_number() || !std::isfinite(value.get<double>())) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value.get<double>());
  return digits(buf);
}

std::string Words::percent(const nlohmann::json& value) const {
  if (!value.is_number()) return "–";
  return number(value.get<double>() * 100, 1) + (lang_ == "fa" ? "٪" : " %");
}

}  // namespace rp::app
