#include "domain/instruments/form.hpp"

#include <algorithm>

namespace rp::instruments {

bool FormText::worded_in(std::string_view lang) const {
  if (lang == "en") return !en.empty();
  if (lang == "fa") return fa && !fa->empty();
  return false;
}

double FormNumber::as_double() const {
  return std::visit([](auto v) { return static_cast<double>(v); }, value);
}

bool FormNumber::operator==(const FormNumber& other) const {
  const auto* a = std::get_if<std::int64_t>(&value);
  const auto* b = std::get_if<std::int64_t>(&other.value);
  if (a && b) return *a == *b;  // whole numbers exactly, beyond a double's precision
  return as_double() == other.as_double();
}

std::string code_text(const AnswerCode& code) {
  if (const auto* n = std::get_if<int>(&code)) return std::to_string(*n);
  return std::get<std::string>(code);
}

std::vector<std::string> languages_of(const InstrumentForm& form) {
  std::vector<std::string> out;
  for (const char* lang : {"en", "fa"}) {
    bool all = form.title.worded_in(lang);
    for (const auto& g : form.groups) all = all && g.text.worded_in(lang);
    for (const auto& q : form.questions) {
      all = all && q.text.worded_in(lang);
      if (q.options)
        for (const auto& o : *q.options) all = all && o.label.worded_in(lang);
    }
    if (all) out.emplace_back(lang);
  }
  return out;
}

bool has_language(const InstrumentForm& form, std::string_view lang) {
  return std::find(form.languages.begin(), form.languages.end(), lang) != form.languages.end();
}

}  // namespace rp::instruments
