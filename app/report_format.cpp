#include "app/report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/markup.hpp"

namespace rp::app {

std::string escape_html(const std::string& text) { return escape_markup(text); }

std::string tag(const char* name, const std::string& body, const std::string& cls) {
  return std::string("<") + name + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + body + "</" + name + ">";
}

std::string row(std::initializer_list<std::string> cells, bool head) {
  std::string out;
  for (const auto& c : cells) out += tag(head ? "th" : "td", c);
  return tag("tr", out);
}

std::string command(const std::string& text) { return "<code dir=\"ltr\">" + escape_html(text) + "</code>"; }

Words::Words(const nlohmann::json& all, std::string lang) : text_(all.at(lang)), lang_(std::move(lang)) {}

std::string Words::operator()(const std::string& key,
                              std::initializer_list<std::pair<const char*, std::string>> values) const {
  const auto it = text_.find(key);
  if (it == text_.end())
    throw InputError("template", "report_wording_missing"_err, {{"key", key}, {"language", lang_}});
  // One pass over the text, so a value (a title from a protocol file) is never searched
  // for placeholders itself.
  const std::string s = escape_html(it->get<std::string>());
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = s.find('{'); at != std::string::npos; at = s.find('{', from)) {
    const std::size_t end = s.find('}', at);
    if (end == std::string::npos) break;
    const std::string name = s.substr(at + 1, end - at - 1);
    const auto value = std::find_if(values.begin(), values.end(), [&](const auto& v) { return name == v.first; });
    if (value == values.end()) {
      out += s.substr(from, at + 1 - from);
      from = at + 1;
      continue;
    }
    out += s.substr(from, at - from) + value->second;
    from = end + 1;
  }
  return out + s.substr(from);
}

std::string Words::local(const contract::Texts& text) const { return escape_html(lang_ == "fa" ? text.fa : text.en); }

std::string Words::digits(const std::string& ascii) const {
  if (lang_ != "fa") return ascii;
  std::string s = persian_digits(ascii);
  for (std::size_t at = s.find('.'); at != std::string::npos; at = s.find('.', at)) s.replace(at, 1, "٫");
  return s;
}

std::string Words::number(Figure value, int decimals) const {
  if (!value || !std::isfinite(*value)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *value);
  return digits(buf);
}

std::string Words::days(Figure value) const {
  if (!value) return "–";
  return number(value, std::floor(*value) == *value ? 0 : 1);
}

std::string Words::days(std::optional<std::int64_t> value) const {
  return value ? days(Figure(static_cast<double>(*value))) : "–";
}

std::string Words::percent(Figure value) const {
  if (!value) return "–";
  return number(*value * 100, 1) + (lang_ == "fa" ? "٪" : " %");
}

}  // namespace rp::app
