#include <gtest/gtest.h>

#include "base/clock.hpp"
#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"

namespace rp {
namespace {

TEST(CivilDate, ParsesIsoWithEitherSeparatorAndAnyDigits) {
  EXPECT_EQ(parse_gregorian("2026-12-01").iso(), "2026-12-01");
  EXPECT_EQ(parse_gregorian("2026/12/01").iso(), "2026-12-01");
  EXPECT_EQ(parse_gregorian("۲۰۲۶/۱۲/۰۱").iso(), "2026-12-01");  // Persian digits
  EXPECT_EQ(parse_gregorian("٢٠٢٦-١٢-٠١").iso(), "2026-12-01");  // Arabic-Indic digits
}

// ISO text pads every field, from the first year to the last four-digit one; days
// beyond (from arithmetic, never from input) still print.
TEST(CivilDate, IsoTextAcrossTheYears) {
  EXPECT_EQ(CivilDate::from_ymd(1, 1, 1).iso(), "0001-01-01");
  EXPECT_EQ(CivilDate::from_ymd(999, 9, 9).iso(), "0999-09-09");
  EXPECT_EQ(CivilDate::from_ymd(9999, 12, 31).iso(), "9999-12-31");
  EXPECT_EQ(CivilDate::from_ymd(1970, 1, 1).iso(), "1970-01-01");
  EXPECT_EQ(CivilDate::from_ymd(9999, 12, 31).plus_days(1).iso(), "10000-01-01");
  EXPECT_EQ(CivilDate::from_ymd(1, 1, 1).plus_days(-1).iso(), "0000-12-31");
  EXPECT_EQ(CivilDate::from_ymd(1, 1, 1).plus_days(-367).iso(), "-001-12-31");
}

TEST(CivilDate, RefusesImpossibleAndMalformedDates) {
  for (const char* bad : {"2025-02-30", "2025-13-01", "2025-00-10", "2023-02-29", "2026-12", "2026-12-01-01",
                          "2026/12-01", "20261201", "2026-12-0a", "", "12026-01-01"}) {
    try {
      parse_gregorian(bad, "harvest");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "harvest") << bad;
    }
  }
  EXPECT_NO_THROW(parse_gregorian("2024-02-29"));
}

TEST(CivilDate, CalendarMonthsClampToTheMonthsLastDay) {
  EXPECT_EQ(parse_gregorian("2027-01-31").plus_months(1).iso(), "2027-02-28");
  EXPECT_EQ(parse_gregorian("2028-01-31").plus_months(1).iso(), "2028-02-29");
  EXPECT_EQ(parse_gregorian("2026-12-01").plus_months(3).iso(), "2027-03-01");
  EXPECT_EQ(parse_gregorian("2026-08-31").plus_months(-6).iso(), "2026-02-28");
  EXPECT_EQ(parse_gregorian("2026-12-01").plus_days(42).iso(), "2027-01-12");
}

TEST(Jalali, KnownNowruzAndLeapDays) {
  // Nowruz (1 Farvardin) falls on 20 or 21 March.
  EXPECT_EQ(to_jalali(parse_gregorian("2025-03-21")).iso(), "1404-01-01");
  EXPECT_EQ(to_jalali(parse_gregorian("2024-03-20")).iso(), "1403-01-01");
  EXPECT_EQ(to_jalali(parse_gregorian("2025-03-20")).iso(), "1403-12-30");  // 1403 is a leap year
  EXPECT_EQ(parse_jalali("1405/09/10").iso(), "2026-12-01");
  EXPECT_EQ(parse_jalali("۱۴۰۵/۰۹/۱۰").iso(), "2026-12-01");
}

TEST(Jalali, RefusesDaysThatDoNotExist) {
  EXPECT_THROW(parse_jalali("1404-08-31"), InputError);  // months 7-11 have 30 days
  EXPECT_THROW(parse_jalali("1404-12-30"), InputError);  // 1404 is not leap
  EXPECT_THROW(parse_jalali("1404-13-01"), InputError);
  EXPECT_NO_THROW(parse_jalali("1404-06-31"));  // months 1-6 have 31
}

TEST(Jalali, WeekdayNamesInBothLanguages) {
  const CivilDate d = parse_gregorian("2026-12-01");  // a Tuesday
  EXPECT_EQ(weekday_name(d, "en"), "Tuesday");
  EXPECT_EQ(weekday_name(d, "fa"), "سه‌شنبه");
  EXPECT_EQ(weekday_name(parse_gregorian("2026-11-28"), "fa"), "شنبه");
}

TEST(Digits, ConvertsEveryDecimalScriptAndBack) {
  EXPECT_EQ(ascii_digits("۰۹۱۲ ٣٤٥", "f"), "0912 345");
  EXPECT_EQ(persian_digits("1405/09/10"), "۱۴۰۵/۰۹/۱۰");
  EXPECT_THROW(ascii_digits("\xff\xfe", "mobile"), InputError);
}

TEST(Clock, TodayIsTehransDate) {
  // 2026-11-24T21:00Z is 00:30 on 25 November in Tehran (UTC+3:30).
  const std::int64_t ms = (parse_gregorian("2026-11-24").days_since_epoch() * 86400 + 21 * 3600) * 1000;
  EXPECT_EQ(Clock::fixed(ms).today().iso(), "2026-11-25");
  EXPECT_EQ(Clock::fixed(ms).today("UTC").iso(), "2026-11-24");
  EXPECT_EQ(Clock::fixed(ms).now_iso(), "2026-11-24T21:00:00.000Z");
  EXPECT_EQ(Clock::fixed(ms + 3723456).now_iso(), "2026-11-24T22:02:03.456Z");
  EXPECT_EQ(Clock::fixed(-1).now_iso(), "1969-12-31T23:59:59.999Z");
}

// now_iso keeps the text up to the second: instants within one second, across a day's
// end, and back again each get their own stamp, whichever came before.
TEST(Clock, NowIsoKeptPerSecondNeverStale) {
  const std::int64_t midnight = parse_gregorian("2026-12-31").days_since_epoch() * 86400 * 1000 + 86400 * 1000;
  const std::pair<std::int64_t, const char*> cases[] = {
      {midnight - 1, "2026-12-31T23:59:59.999Z"},
      {midnight - 999, "2026-12-31T23:59:59.001Z"},
      {midnight, "2027-01-01T00:00:00.000Z"},
      {midnight - 1000, "2026-12-31T23:59:59.000Z"},
      {midnight + 61010, "2027-01-01T00:01:01.010Z"},
      {-1000, "1969-12-31T23:59:59.000Z"},
      {-999, "1969-12-31T23:59:59.001Z"},
      {0, "1970-01-01T00:00:00.000Z"},
  };
  for (int round = 0; round < 2; ++round) {
    for (const auto& [ms, iso] : cases) EXPECT_EQ(Clock::fixed(ms).now_iso(), iso) << ms;
  }
}

// today() is kept per minute: asked again and again across Tehran's midnight (20:30 UTC)
// it turns with the clock, in whichever order the instants and zones come.
TEST(Clock, TodayTurnsAtMidnightThoughKeptPerMinute) {
  const std::int64_t midnight = (parse_gregorian("2026-11-24").days_since_epoch() * 86400 + 20 * 3600 + 30 * 60) * 1000;
  std::int64_t now = midnight - 1;
  const Clock clock{[&now] { return now; }};
  EXPECT_EQ(clock.today().iso(), "2026-11-24");
  EXPECT_EQ(clock.today().iso(), "2026-11-24");
  now = midnight;
  EXPECT_EQ(clock.today().iso(), "2026-11-25");
  EXPECT_EQ(clock.today("UTC").iso(), "2026-11-24");
  EXPECT_EQ(clock.today().iso(), "2026-11-25");
  now = midnight - 60001;  // back a minute: not the minute kept
  EXPECT_EQ(clock.today().iso(), "2026-11-24");
  now = -1;  // before 1970, where the minute rounds down
  EXPECT_EQ(clock.today("UTC").iso(), "1969-12-31");
  now = 0;
  EXPECT_EQ(clock.today("UTC").iso(), "1970-01-01");
}

}  // namespace
}  // namespace rp
