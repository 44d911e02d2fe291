#pragma once
// A calendar date with no time and no zone, stored and computed as Gregorian.
// Built on std::chrono's calendar types so the arithmetic is the standard's.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rp {

class CivilDate {
 public:
  CivilDate() = default;
  explicit CivilDate(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  // Throws InputError(field) when the day does not exist (2025-02-30).
  static CivilDate from_ymd(int y, int m, int d, std::string_view field = "date");
  static CivilDate from_days(std::int64_t days_since_epoch);

  int year() const { return int(ymd_.year()); }
  int month() const { return int(unsigned(ymd_.month())); }
  int day() const { return int(unsigned(ymd_.day())); }
  std::int64_t days_since_epoch() const;
  // 0 = Sunday ... 6 = Saturday (std::chrono::weekday's encoding).
  unsigned weekday() const;

  CivilDate plus_days(std::int64_t n) const;
  // Calendar months; a day past the target month's end is clamped to its last day
  // (2027-01-31 + 1 month = 2027-02-28).
  CivilDate plus_months(int n) const;

  std::string iso() const;  // YYYY-MM-DD
  auto operator<=>(const CivilDate& o) const { return days_since_epoch() <=> o.days_since_epoch(); }
  bool operator==(const CivilDate& o) const { return ymd_ == o.ymd_; }

 private:
  std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
};

// Year, month, day parts of a date as typed: accepts ASCII, Persian (U+06F0..) and
// Arabic-Indic (U+0660..) digits, separated by '-' or '/'. Throws InputError(field).
struct DateParts {
  int y, m, d;
};
DateParts parse_date_parts(std::string_view text, std::string_view field);

// Parses a Gregorian date as typed (see parse_date_parts).
CivilDate parse_gregorian(std::string_view text, std::string_view field = "date");

}  // namespace rp
