#pragma once
// Small formatting helpers shared by the HTML report's sections and charts: escaping,
// numbers in the reader's digits, the page's wording looked up by key, and the few HTML
// elements the sections are built from.
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "api/contract/reports.hpp"

namespace rp::app {

std::string escape_html(const std::string& text);

// <name class="cls">body</name>; `body` is HTML already.
std::string tag(const char* name, const std::string& body, const std::string& cls = {});
// A table row of cells (HTML already); header cells with `head`.
std::string row(std::initializer_list<std::string> cells, bool head = false);

// A command a clinician may type, kept left to right inside Persian text.
std::string command(const std::string& text);

// The report's types, as the API answers them (api/contract/reports.hpp).
namespace contract = api::contract;
// A figure that cannot be estimated is empty.
using Figure = contract::Figure;

// The page's words in one language (templates/outcomes-report.text.json).
class Words {
 public:
  Words(const nlohmann::json& all, std::string lang);
  const std::string& lang() const { return lang_; }
  bool rtl() const { return lang_ == "fa"; }
  bool has(const std::string& key) const { return text_.contains(key); }
  // The text under `key` with {name} placeholders filled, HTML-escaped.
  std::string operator()(const std::string& key,
                         std::initializer_list<std::pair<const char*, std::string>> values = {}) const;
  // The reader's language of a {en, fa} text from the report, HTML-escaped.
  std::string local(const contract::Texts& text) const;
  // Digits (and the decimal point) as the reader writes them; ASCII for English.
  std::string digits(const std::string& ascii) const;
  // A number with `decimals` places, or an en dash for one that cannot be estimated.
  std::string number(Figure value, int decimals) const;
  // A number of days: whole, or with one decimal when it is not (a median of two).
  std::string days(Figure value) const;
  std::string days(std::optional<std::int64_t> value) const;
  // A proportion 0–1 as a percentage with one decimal ("42.1 %"), or an en dash.
  std::string percent(Figure value) const;
  std::string count(std::int64_t n) const { return digits(std::to_string(n)); }
  // A count a registry reader is not shown (fewer than 5 patients): an en dash.
  std::string count(contract::Count n) const { return n ? count(*n) : "–"; }

 private:
  const nlohmann::json& text_;
  std::string lang_;
};

}  // namespace rp::app
