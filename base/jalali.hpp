#pragma once
// Solar Hijri (Jalali) calendar through ICU's Persian calendar.
#include <string>
#include <string_view>

#include "base/civil_date.hpp"

namespace rp {

struct JalaliDate {
  int y, m, d;
  std::string iso() const;  // YYYY-MM-DD in ASCII digits
};

JalaliDate to_jalali(const CivilDate& date);
// Throws InputError(field) when the Jalali day does not exist (month 8 has 30 days).
CivilDate from_jalali(int y, int m, int d, std::string_view field = "date");
CivilDate parse_jalali(std::string_view text, std::string_view field = "date");
// The days of a Jalali month (31 in months 1-6, 30 in 7-11, 29 or 30 in Esfand), from
// ICU's calendar; std::invalid_argument for a month outside 1..12.
int jalali_month_days(int y, int m);

// Weekday names from ICU's locale data: "Monday", "دوشنبه".
std::string weekday_name(const CivilDate& date, std::string_view lang);
// A date as a person reads it: "1405-09-10" in Persian digits for fa, ISO for en.
std::string display_date(const CivilDate& date, std::string_view lang, bool jalali);

}  // namespace rp
