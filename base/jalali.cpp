#include "base/jalali.hpp"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "base/digits.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

constexpr double kMillisPerDay = 86400000.0;

// One ICU Persian calendar per thread: creating one costs far more than a conversion.
icu::Calendar& persian_calendar() {
  thread_local std::unique_ptr<icu::Calendar> cal = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> c(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("en@calendar=persian"), status));
    if (U_FAILURE(status) || !c) throw std::runtime_error("ICU Persian calendar unavailable");
    return c;
  }();
  return *cal;
}

}  // namespace

std::string JalaliDate::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

JalaliDate to_jalali(const CivilDate& date) {
  icu::Calendar& cal = persian_calendar();
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  // Noon UTC keeps the instant well inside the civil day.
  cal.setTime((double(date.days_since_epoch()) + 0.5) * kMillisPerDay, status);
  JalaliDate j{cal.get(UCAL_EXTENDED_YEAR, status), cal.get(UCAL_MONTH, status) + 1, cal.get(UCAL_DATE, status)};
  if (U_FAILURE(status)) throw std::runtime_error("ICU Persian conversion failed");
  return j;
}

CivilDate from_jalali(int y, int m, int d, std::string_view field) {
  auto bad = [&] {
    return InputError(std::string(field), "not_a_jalali_day"_err,
                      {{"value", std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d)}});
  };
  if (y < 1 || y > 9377 || m < 1 || m > 12 || d < 1 || d > 31) throw bad();
  icu::Calendar& cal = persian_calendar();
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.setLenient(true);
  cal.set(UCAL_EXTENDED_YEAR, y);
  cal.set(UCAL_MONTH, m - 1);
  cal.set(UCAL_DATE, d);
  const UDate ms = cal.getTime(status);
  if (U_FAILURE(status)) throw bad();
  const CivilDate g = CivilDate::from_days(static_cast<std::int64_t>(std::floor(ms / kMillisPerDay)));
  // Lenient ICU rolls 1404-08-31 into month 9; a round trip tells us the day was not real.
  const JalaliDate back = to_jalali(g);
  if (back.y != y || back.m != m || back.d != d) throw bad();
  return g;
}

int jalali_month_days(int y, int m) {
  if (m < 1 || m > 12) throw std::invalid_argument("a Jalali month is 1..12");
  icu::Calendar& cal = persian_calendar();
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.set(UCAL_EXTENDED_YEAR, y);
  cal.set(UCAL_MONTH, m - 1);
  cal.set(UCAL_DATE, 1);
  const int days = cal.getActualMaximum(UCAL_DATE, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU Persian calendar failed");
  return days;
}

CivilDate parse_jalali(std::string_view text, std::string_view field) {
  const DateParts p = parse_date_parts(text, field);
  return from_jalali(p.y, p.m, p.d, field);
}

std::string weekday_name(const CivilDate& date, std::string_view lang) {
  thread_local std::unique_ptr<icu::DateFormatSymbols> en, fa;
  auto& syms = lang == "fa" ? fa : en;
  if (!syms) {
    UErrorCode status = U_ZERO_ERROR;
    syms = std::make_unique<icu::DateFormatSymbols>(icu::Locale(lang == "fa" ? "fa_IR" : "en_US"), status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU date symbols unavailable");
  }
  int32_t count = 0;
  const icu::UnicodeString* names = syms->getWeekdays(count);
  // ICU indexes weekdays from UCAL_SUNDAY = 1.
  std::string out;
  names[date.weekday() + 1].toUTF8String(out);
  return out;
}

std::string display_date(const CivilDate& date, std::string_view lang, bool jalali) {
  const std::string iso = jalali ? to_jalali(date).iso() : date.iso();
  return lang == "fa" ? persian_digits(jalali ? std::string(iso).replace(4, 1, "/").replace(7, 1, "/") : iso) : iso;
}

}  // namespace rp
