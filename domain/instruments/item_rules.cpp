#include "domain/instruments/item_rules.hpp"

#include <cmath>
#include <string>

#include "base/error.hpp"

namespace rp::instruments {
namespace {

std::string str(std::string_view s) { return std::string(s); }

// Formats a bound without a trailing ".000000" so messages read "0–4", "0–3.2".
std::string bound(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Cold path: the message is built only when the answer is wrong, so validating a
// correct form allocates nothing.
[[noreturn]] void reject(std::string_view item, const AnswerValue& value, const std::string& expected) {
  const auto* d = std::get_if<double>(&value);
  throw InputError(str(item), "item_answer_invalid"_err,
                   {{"item", str(item)}, {"rule", expected + (d ? ", got " + bound(*d) : ", not text")}});
}

}  // namespace

void reject_unknown_items(const Answers& answers, std::span<const std::string_view> known,
                          std::string_view instrument_key) {
  for (const auto& [id, value] : answers) {
    bool found = false;
    for (std::string_view k : known) {
      if (k == id) {
        found = true;
        break;
      }
    }
    if (found) continue;
    // "P5.x" arrives when P5 was sent as an object: report the real mistake.
    const auto dot = id.find('.');
    if (dot != std::string::npos) {
      const std::string_view parent = std::string_view(id).substr(0, dot);
      for (std::string_view k : known) {
        if (k == parent) {
          throw InputError(str(parent), "item_answer_invalid"_err,
                           {{"item", str(parent)}, {"rule", "a single value, not an object"}});
        }
      }
    }
    throw InputError(id, "unknown_item"_err, {{"item", id}, {"instrument", str(instrument_key)}});
  }
}

std::optional<int> integer_item(const Answers& answers, std::string_view item, int min, int max) {
  const AnswerValue* value = answers.find(item);
  if (value == nullptr) return std::nullopt;
  const auto* v = std::get_if<double>(value);
  if (v == nullptr || !(*v >= min && *v <= max) || std::floor(*v) != *v) {
    reject(item, *value, "a whole number " + std::to_string(min) + "–" + std::to_string(max));
  }
  return static_cast<int>(*v);
}

std::optional<double> number_item(const Answers& answers, std::string_view item, double min, double max) {
  const AnswerValue* value = answers.find(item);
  if (value == nullptr) return std::nullopt;
  const auto* v = std::get_if<double>(value);
  if (v == nullptr || !(*v >= min && *v <= max)) reject(item, *value, "a number " + bound(min) + "–" + bound(max));
  return *v;
}

std::optional<std::string_view> code_item(const Answers& answers, std::string_view item) {
  const AnswerValue* value = answers.find(item);
  if (value == nullptr) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(value)) return std::string_view(*s);
  throw InputError(str(item), "item_answer_invalid"_err,
                   {{"item", str(item)}, {"rule", "a code (text), not a number"}});
}

}  // namespace rp::instruments
