#include "base/money.hpp"

#include <unicode/locid.h>
#include <unicode/numberformatter.h>

#include <array>
#include <stdexcept>

#include "base/digits.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

// The unit words a clinic writes, and how many rials one of each is.
struct Unit {
  std::string_view word;
  std::int64_t rials;
};
constexpr std::array<Unit, 8> kUnits{{{"rials", 1},
                                      {"rial", 1},
                                      {"ریال", 1},
                                      {"ريال", 1},  // with the Arabic yeh, as many keyboards type it
                                      {"tomans", 10},
                                      {"toman", 10},
                                      {"تومان", 10},
                                      {"تومن", 10}}};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ends_with_word(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  const std::string_view tail = s.substr(s.size() - word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char a = tail[i], b = word[i];
    if (a != b && !(a >= 'A' && a <= 'Z' && a - 'A' + 'a' == b)) return false;
  }
  return true;
}

InputError not_an_amount(std::string_view text, std::string_view field) {
  return InputError(std::string(field), "not_an_amount"_err, {{"value", std::string(text.substr(0, 80))}});
}

// ASCII digits, grouped by thousands with "," or the Arabic thousands separator (U+066C)
// or not grouped at all, into a count no larger than `max`.
std::int64_t whole_number(std::string_view ascii, std::string_view original, std::string_view field, std::int64_t max) {
  static constexpr std::string_view kArabicThousands = "\xd9\xac";
  std::int64_t value = 0;
  int in_group = 0;  // digits since the last separator
  bool grouped = false, any = false;
  for (std::size_t i = 0; i < ascii.size();) {
    const char c = ascii[i];
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      if (value > max)
        throw InputError(std::string(field), "amount_too_large"_err, {{"max", std::to_string(Money::kMaxRials)}});
      ++in_group;
      any = true;
      ++i;
      continue;
    }
    const std::size_t width = c == ',' ? 1 : ascii.substr(i).starts_with(kArabicThousands) ? 2 : 0;
    // A separator follows one to three digits (three after an earlier separator).
    if (width == 0 || in_group == 0 || in_group > 3 || (grouped && in_group != 3)) throw not_an_amount(original, field);
    grouped = true;
    in_group = 0;
    i += width;
  }
  if (!any || (grouped && in_group != 3)) throw not_an_amount(original, field);
  return value;
}

std::string formatted(std::string_view decimal, std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  static thread_local const auto en = icu::number::NumberFormatter::withLocale(icu::Locale("en"));
  static thread_local const auto fa = icu::number::NumberFormatter::withLocale(icu::Locale("fa"));
  const auto number = (lang == "fa" ? fa : en).formatDecimal(icu::StringPiece(decimal.data(), decimal.size()), status);
  std::string out;
  number.toString(status).toUTF8String(out);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not format an amount");
  return out;
}

}  // namespace

Money Money::rials(std::int64_t r) {
  if (r < 0 || r > kMaxRials) throw std::out_of_range("an amount outside 0.." + std::to_string(kMaxRials) + " rials");
  Money m;
  m.rials_ = r;
  return m;
}

Money Money::tomans(std::int64_t t) {
  if (t < 0 || t > kMaxRials / 10) throw std::out_of_range("an amount in tomans out of range");
  return rials(t * 10);
}

std::string Money::tomans_text(std::string_view lang) const {
  std::string decimal = std::to_string(rials_ / 10);
  if (rials_ % 10) decimal += "." + std::to_string(rials_ % 10);
  return formatted(decimal, lang);
}

Money parse_money(std::string_view text, std::string_view field) {
  const std::string ascii = ascii_digits(text, field);
  const std::string_view s = trimmed(ascii);
  for (const Unit& unit : kUnits) {
    if (!ends_with_word(s, unit.word)) continue;
    const std::string_view number = trimmed(s.substr(0, s.size() - unit.word.size()));
    return Money::rials(whole_number(number, text, field, Money::kMaxRials / unit.rials) * unit.rials);
  }
  throw not_an_amount(text, field);
}

Money rials_from_text(std::string_view text, std::string_view field) {
  const std::string ascii = ascii_digits(text, field);
  return Money::rials(whole_number(trimmed(ascii), text, field, Money::kMaxRials));
}

}  // namespace rp
