#pragma once
// Small formatting helpers shared by the HTML report's sections and charts: escaping,
// numbers in the reader's digits, and the page's wording looked up by key.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace rp::app {

std::string escape_html(const std::string& text);

// The page's words in one language (templates/outcomes-report.text.json).
class Words {
 public:
  Words(const nlohmann::json& all, std::string lang);
  const std::string& lang() const { return lang_; }
  bool rtl() const { return lang_ == "fa"; }
  // The text under `key` with {name} placeholders filled, HTML-escaped.
  std::string operator()(const std::string& key,
                         std::initializer_list<std::pair<const char*, std::string>> values = {}) const;
  // Digits (and the decimal point) as the reader writes them; ASCII for English.
  std::string digits(const std::string& ascii) const;
  // A number with `decimals` places, or an en dash for null.
  std::string number(const nlohmann::json& value, int decimals) const;
  // A proportion 0–1 as a percentage with one decimal ("42.1 %"), or an en dash.
  std::string percent(const nlohmann::json& value) const;
  std::string count(std::int64_t n) const { return digits(std::to_string(n)); }

 private:
  const nlohmann::json& text_;
  std::string lang_;
};

}  // namespace rp::app
