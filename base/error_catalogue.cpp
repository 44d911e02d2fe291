#include "base/error_catalogue.hpp"

#include <unordered_map>

#include "base/civil_date.hpp"
#include "base/digits.hpp"
#include "base/error_catalogue_data.hpp"
#include "base/jalali.hpp"

namespace rp::errors {

namespace {

// A sentence cut at its {name} placeholders: literal text and parameter names, alternately
// (a sentence starts and ends with literal text, possibly empty).
struct Template {
  std::vector<std::string> literals;
  std::vector<std::string> names;
};

Template split(const std::string& text) {
  Template t;
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      literal += text[i];
      continue;
    }
    t.literals.push_back(std::move(literal));
    literal.clear();
    t.names.push_back(text.substr(i + 1, close - i - 1));
    i = close;
  }
  t.literals.push_back(std::move(literal));
  return t;
}

struct Compiled {
  Entry entry;
  Template en, fa;
  std::unordered_map<std::string, std::string> types;
};

struct Catalogue {
  std::vector<Entry> entries;
  std::vector<Compiled> compiled;
  std::unordered_map<std::string, std::size_t> by_code;
  std::unordered_map<std::string, std::string> states_fa;
};

Catalogue load() {
  Catalogue c;
  for (const auto& s : data::kStates) c.states_fa[std::string(s.state)] = std::string(s.fa);
  for (const auto& e : data::kErrors) {
    Compiled k;
    k.entry.code = std::string(e.code);
    k.entry.en = std::string(e.en);
    k.entry.fa = std::string(e.fa);
    for (const auto& [name, type] : e.params) {
      k.entry.params.emplace_back(std::string(name), std::string(type));
      k.types[std::string(name)] = std::string(type);
    }
    k.en = split(k.entry.en);
    k.fa = split(k.entry.fa);
    c.by_code.emplace(k.entry.code, c.compiled.size());
    c.entries.push_back(k.entry);
    c.compiled.push_back(std::move(k));
  }
  return c;
}

const Catalogue& catalogue() {
  static const Catalogue c = load();
  return c;
}

bool all_digits(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

bool looks_iso(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2)) &&
         all_digits(s.substr(8, 2));
}

// A parameter as Persian writes it; English writes every parameter as it is.
std::string persian_value(const std::string& value, const std::string& type, const Catalogue& c) {
  if (type == "number" || type == "typed_date") return persian_digits(value);
  if (type == "date") {
    if (!looks_iso(value)) return value;
    try {
      return display_date(parse_gregorian(value), "fa", true);
    } catch (const InputError&) {
      return value;
    }
  }
  if (type == "state") {
    const auto it = c.states_fa.find(value);
    return it == c.states_fa.end() ? value : "«" + it->second + "»";
  }
  if (type == "field") return value;
  return all_digits(value) ? persian_digits(value) : value;
}

}  // namespace

std::optional<std::string> sentence(std::string_view code, const ErrorParams& params, std::string_view language) {
  const Catalogue& c = catalogue();
  const auto it = c.by_code.find(std::string(code));
  if (it == c.by_code.end()) return std::nullopt;
  const Compiled& k = c.compiled[it->second];
  const bool persian = language == "fa" && !k.entry.fa.empty();
  const Template& t = persian ? k.fa : k.en;
  std::string out = t.literals[0];
  for (std::size_t i = 0; i < t.names.size(); ++i) {
    const std::string& name = t.names[i];
    const ErrorParam* param = nullptr;
    for (const ErrorParam& p : params)
      if (p.name == name) param = &p;
    const std::string value = param ? param->value : std::string();
    const auto type = k.types.find(name);
    if (persian && param && !param->fa.empty())
      out += param->fa;  // worded in Persian already
    else
      out += persian ? persian_value(value, type == k.types.end() ? "text" : type->second, c) : value;
    out += t.literals[i + 1];
  }
  return out;
}

std::string message(const InputError& e, std::string_view language) {
  if (language != "fa") return e.what();
  auto s = sentence(e.code(), e.params(), language);
  return s ? *s : std::string(e.what());
}

const std::vector<Entry>& entries() { return catalogue().entries; }

}  // namespace rp::errors
