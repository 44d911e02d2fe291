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

const double* number_or_throw(const AnswerValue& value, std::string_view item, std::string_view expected) {
  if (const auto* d = std::get_if<double>(&value)) return d;
  throw InputError(str(item), "item '" + str(item) + "' must be " + str(expected) + ", not text");
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
          throw InputError(str(parent), "item '" + str(parent) + "' must be a single value, not an object");
        }
      }
    }
    throw InputError(id, "unknown item '" + id + "' for instrument " + str(instrument_key));
  }
}

std::optional<int> integer_item(const Answers& answers, std::string_view item, int min, int max) {
  const AnswerValue* value = answers.find(item);
  if (value == nullptr) return std::nullopt;
  const std::string range = std::to_string(min) + "–" + std::to_string(max);
  const double v = *number_or_throw(*value, item, "a whole number " + range);
  if (!(v >= min && v <= max) || std::floor(v) != v) {
    throw InputError(str(item), "item '" + str(item) + "' must be a whole number " + range + ", got " + bound(v));
  }
  return static_cast<int>(v);
}

std::optional<double> number_item(const Answers& answers, std::string_view item, double min, double max) {
  const AnswerValue* value = answers.find(item);
  if (value == nullptr) return std::nullopt;
  const std::string range = bound(min) + "–" + bound(max);
  const double v = *number_or_throw(*value, item, "a number " + range);
  if (!(v >= min && v <= max)) {
    throw InputError(str(item), "item '" + str(item) + "' must be a number " + range + ", got " + bound(v));
  }
  return v;
}

std::optional<std::string_view> code_item(const Answers& answers, std::string_view item) {
  const AnswerValue* value = answers.find(item);
  if (value == nullptr) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(value)) return std::string_view(*s);
  throw InputError(str(item), "item '" + str(item) + "' must be a code (text), not a number");
}

}  // namespace rp::instruments
