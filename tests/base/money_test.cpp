// Money in integer rials (base/money.hpp): shown in tomans with ICU's thousands separators
// (Persian digits and separators in Persian), read from either unit in any digits, and
// every malformed, negative, fractional or oversized amount refused naming the field.
#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "base/money.hpp"

namespace rp {
namespace {

TEST(Money, TomansAreShownWithTheLocalesSeparators) {
  EXPECT_EQ(Money::tomans(12'000'000).tomans_text("en"), "12,000,000");
  EXPECT_EQ(Money::tomans(12'000'000).tomans_text("fa"), "۱۲٬۰۰۰٬۰۰۰");
  EXPECT_EQ(Money::rials(12'345).tomans_text("en"), "1,234.5") << "an odd rial is half a toman";
  EXPECT_EQ(Money::rials(12'345).tomans_text("fa"), "۱٬۲۳۴٫۵");
  EXPECT_EQ(Money::rials(0).tomans_text("en"), "0");
  EXPECT_EQ(Money::rials(Money::kMaxRials).tomans_text("en"), "100,000,000,000,000");
}

TEST(Money, EitherUnitIsReadInAnyDigits) {
  EXPECT_EQ(parse_money("12,000,000 تومان", "price").in_rials(), 120'000'000);
  EXPECT_EQ(parse_money("۱۲٬۰۰۰٬۰۰۰ تومان", "price").in_rials(), 120'000'000);
  EXPECT_EQ(parse_money("120000000 rials", "price").in_rials(), 120'000'000);
  EXPECT_EQ(parse_money("  1 Toman ", "price").in_rials(), 10);
  EXPECT_EQ(parse_money("۲۵۰ ريال", "price").in_rials(), 250) << "the Arabic yeh as keyboards type it";
  EXPECT_EQ(parse_money("1000rial", "price").in_rials(), 1000);
  EXPECT_EQ(rials_from_text("۱۲۰۰۰۰۰۰۰", "total").in_rials(), 120'000'000);
  EXPECT_EQ(rials_from_text("120,000,000", "total").in_rials(), 120'000'000);
}

TEST(Money, WhatIsNotAnAmountIsRefusedNamingTheField) {
  for (const char* bad : {"", "تومان", "12", "12 dollars", "-5 rials", "1.5 tomans", "1,00 rials", "1,0000 rials",
                          ",100 rials", "100, rials", "1,,000 rials", "12 000 rials", "0x10 rials", "1e6 rials"}) {
    try {
      parse_money(bad, "price");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "price") << bad;
      EXPECT_EQ(e.code(), "not_an_amount") << bad;
    }
  }
  try {
    parse_money("100,000,000,000,001 tomans", "price");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), "amount_too_large");
  }
  EXPECT_EQ(parse_money("100,000,000,000,000 tomans", "price").in_rials(), Money::kMaxRials);
  EXPECT_THROW(rials_from_text("99999999999999999999999", "total"), InputError);
  EXPECT_THROW(rials_from_text("12 rials", "total"), InputError) << "--total-rials takes a number only";
  EXPECT_THROW(Money::rials(-1), std::out_of_range);
}

TEST(Money, WhatIsShownReadsBackAsTheSameAmount) {
  std::mt19937_64 random(20261205);
  for (int i = 0; i < 2000; ++i) {
    const Money m = Money::tomans(static_cast<std::int64_t>(random() % (Money::kMaxRials / 10)));
    for (const char* lang : {"en", "fa"}) {
      const std::string shown = m.tomans_text(lang);
      EXPECT_EQ(parse_money(shown + (lang[0] == 'f' ? " تومان" : " tomans"), "price"), m) << shown;
    }
  }
}

}  // namespace
}  // namespace rp
