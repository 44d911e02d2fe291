#pragma once
// Money in integer rials (issue 19). The seed's prices are in tomans (1 toman = 10
// rials); payers and banks settle in rials. No floating point anywhere: an amount is an
// integer count of rials, shown in tomans with the locale's thousands separators (ICU's:
// Persian digits and separators in Persian) and read from either unit.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace rp {

class Money {
 public:
  // The largest amount: 10^15 rials (a hundred trillion tomans), far above any treatment
  // and far enough below int64's limit that sums of many amounts never overflow.
  static constexpr std::int64_t kMaxRials = 1'000'000'000'000'000;

  constexpr Money() = default;
  // std::out_of_range outside 0..kMaxRials (a program's mistake: input goes through
  // parse_money or rials_from_text, which name the field).
  static Money rials(std::int64_t r);
  static Money tomans(std::int64_t t);

  std::int64_t in_rials() const { return rials_; }
  // "12,000,000" in English, "۱۲٬۰۰۰٬۰۰۰" in Persian; a half toman (an odd number of
  // rials) as "1,234.5" / "۱٬۲۳۴٫۵".
  std::string tomans_text(std::string_view lang) const;

  Money operator+(Money o) const { return rials(rials_ + o.rials_); }
  Money operator-(Money o) const { return rials(rials_ - o.rials_); }
  auto operator<=>(const Money&) const = default;

 private:
  std::int64_t rials_ = 0;
};

// "12,000,000 تومان", "۱۲٬۰۰۰٬۰۰۰ تومان", "120000000 rials", "1 toman": digits of any
// script, grouped by thousands or not, then the unit (rial(s), ریال, toman(s), تومان).
// InputError(field) for anything else, a negative or a fractional amount, or one above
// Money::kMaxRials.
Money parse_money(std::string_view text, std::string_view field);

// A whole number of rials with no unit (a command line's --total-rials), digits of any
// script, grouped by thousands or not. InputError(field) as parse_money.
Money rials_from_text(std::string_view text, std::string_view field);

}  // namespace rp
