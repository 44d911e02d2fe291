// Dates and text as a person types them: the Jalali twin of a date field, digits of any
// script, a Jalali year sent as Gregorian refused with a message that says where it goes;
// names without a letter, with invisible or direction-control characters, refused.
#include <gtest/gtest.h>

#include <functional>

#include "base/date_input.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace rp {
namespace {

std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.field() + ": " + e.what();
  }
  return "accepted";
}

TEST(DateTwins, EitherCalendarInAnyDigits) {
  const CivilDate day = CivilDate::from_ymd(2026, 3, 20);  // 1404-12-29
  for (const char* jalali : {"1404/12/29", "۱۴۰۴/۱۲/۲۹", "١٤٠٤-١٢-٢٩", "\u200f۱۴۰۴/۱۲/۲۹\u200f", " 1404-12-29 "})
    EXPECT_EQ(date_from_twins(std::nullopt, std::string(jalali), "harvest"), day) << jalali;
  for (const char* gregorian : {"2026-03-20", "۲۰۲۶-۰۳-۲۰", "٢٠٢٦/٠٣/٢٠"})
    EXPECT_EQ(date_from_twins(std::string(gregorian), std::nullopt, "harvest"), day) << gregorian;
  EXPECT_EQ(date_from_twins(std::nullopt, std::nullopt, "harvest"), std::nullopt);
}

TEST(DateTwins, AJalaliYearSentAsGregorianIsRefusedSayingWhereItGoes) {
  EXPECT_EQ(refusal([] { date_from_twins(std::string("1404-12-30"), std::nullopt, "harvest"); }),
            "harvest: '1404-12-30' is a Jalali date (its year is 1300-1499), but harvest takes a Gregorian one: send "
            "a Jalali date as harvest_jalali");
  EXPECT_EQ(refusal([] { date_from_twins(std::string("۱۳۴۰/۰۱/۰۱"), std::nullopt, "birth_date"); }),
            "birth_date: '1340-01-01' is a Jalali date (its year is 1300-1499), but birth_date takes a Gregorian "
            "one: send a Jalali date as birth_date_jalali");
  EXPECT_EQ(refusal([] { date_from_twins(std::nullopt, std::string("2026-03-20"), "on"); }),
            "on_jalali: '2026-03-20' is a Gregorian date (its year is 1900-2199), but on_jalali takes a Jalali one: "
            "send it as on");
  EXPECT_EQ(refusal([] { date_from_twins(std::string("2026-03-20"), std::string("1404/12/29"), "on"); }),
            "on: give on or on_jalali, not both");
  // Not a day of the calendar named: 1404 is not a leap year.
  EXPECT_EQ(refusal([] { date_from_twins(std::nullopt, std::string("1404/12/30"), "on"); }),
            "on_jalali: '1404-12-30' is not a day of the Jalali calendar");
  EXPECT_EQ(
      refusal([] { parse_gregorian_input("1499-01-01", "returned_on"); }),
      "returned_on: '1499-01-01' is a Jalali date (its year is 1300-1499), but returned_on takes a Gregorian one");
  EXPECT_EQ(parse_gregorian_input("1500-01-01", "x").iso(), "1500-01-01");
  EXPECT_EQ(parse_gregorian_input("1299-12-31", "x").iso(), "1299-12-31");
}

TEST(TypedText, RefusesControlsOverridesAndSeparators) {
  EXPECT_EQ(refusal([] { check_typed_text("line one\nline two\ttabbed", "description"); }), "accepted");
  EXPECT_EQ(refusal([] { check_typed_text("نام\u200cخانوادگی \u200fRTL mark", "description"); }), "accepted");
  EXPECT_EQ(refusal([] { check_typed_text("a\nb", "reason", false); }), "reason: must not contain control characters");
  EXPECT_EQ(refusal([] { check_typed_text("next\u0085line", "description"); }),
            "description: must not contain control characters");
  EXPECT_EQ(refusal([] { check_typed_text("bell\x07", "description"); }),
            "description: must not contain control characters");
  EXPECT_EQ(refusal([] { check_typed_text("Ali\u202Egnp.exe", "description"); }),
            "description: must not contain the bidirectional control U+202E");
  EXPECT_EQ(refusal([] { check_typed_text("x\u2067y", "description"); }),
            "description: must not contain the bidirectional control U+2067");
  EXPECT_EQ(refusal([] { check_typed_text("one\u2028two", "description"); }),
            "description: must not contain the line or paragraph separator U+2028");
  EXPECT_EQ(refusal([] { check_typed_text("bad \xff utf-8", "description"); }), "description: is not valid UTF-8");
}

TEST(TypedText, ANameHasALetterAndNothingInvisible) {
  for (const char* good : {"Sara Rezaei", "سارا رضایی", "محمد\u200cرضا", "O'Brien-Smith", "Zoë"})
    EXPECT_EQ(refusal([&] { check_name(good, "name_fa"); }), "accepted") << good;
  const std::string no_letter = "name_fa: must contain a letter (only spaces or invisible characters)";
  for (const char* empty_looking : {"   ", "\u3164", "123", "-"})
    EXPECT_EQ(refusal([&] { check_name(empty_looking, "name_fa"); }), no_letter);
  EXPECT_EQ(refusal([] { check_name("\u200b\u200b", "name_fa"); }),
            "name_fa: must not contain the invisible character U+200B");
  EXPECT_EQ(refusal([] { check_name("\u200f", "name_latin"); }),
            "name_latin: must not contain the invisible character U+200F");
  EXPECT_EQ(refusal([] { check_name("\ufeffSara", "name_latin"); }),
            "name_latin: must not contain the invisible character U+FEFF");
  EXPECT_EQ(refusal([] { check_name("Sara\u202Eiezer", "name_latin"); }),
            "name_latin: must not contain the bidirectional control U+202E");
  EXPECT_EQ(refusal([] { check_name("Sara\u2029Rezaei", "name_latin"); }),
            "name_latin: must not contain the line or paragraph separator U+2029");
  EXPECT_EQ(refusal([] { check_name("Sara\u0085", "name_latin"); }), "name_latin: must not contain control characters");
  EXPECT_EQ(refusal([] { check_name("Sara\nRezaei", "name_latin"); }),
            "name_latin: must not contain control characters");
}

}  // namespace
}  // namespace rp
