#include "base/clock.hpp"

#include "base/zone_day.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <charconv>
#include <chrono>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

namespace rp {

Clock Clock::system() {
  return {[] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }};
}

Clock Clock::fixed(std::int64_t ms) {
  return {[ms] { return ms; }};
}

std::string Clock::now_iso() const {
  const std::int64_t ms = now_ms();
  const std::int64_t second = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  const auto millis = static_cast<int>(ms - second * 1000);
  // Every audit row is stamped with this, several times a request: the text up to the
  // second is made once a second per thread, and only the milliseconds each call.
  thread_local std::int64_t cached_second = std::numeric_limits<std::int64_t>::min();
  thread_local std::string cached_prefix;
  if (second != cached_second) {
    const std::int64_t days = second >= 0 ? second / 86400 : -((-second + 86399) / 86400);
    const std::int64_t rest = second - days * 86400;
    const CivilDate d = CivilDate::from_days(days);
    cached_prefix = fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}."), d.year(), d.month(), d.day(),
                                rest / 3600, rest / 60 % 60, rest % 60);
    cached_second = second;
  }
  std::string out;
  out.reserve(cached_prefix.size() + 4);
  out.append(cached_prefix);
  out.push_back(static_cast<char>('0' + millis / 100));
  out.push_back(static_cast<char>('0' + millis / 10 % 10));
  out.push_back(static_cast<char>('0' + millis % 10));
  out.push_back('Z');
  return out;
}

CivilDate Clock::today(const std::string& zone) const {
  // ICU builds a time zone and a calendar for each conversion, and "today" is asked on
  // every submission and record read (it showed in their profiles). Every zone's offset is
  // a whole number of minutes today, so a date holds for its whole minute: kept per thread.
  thread_local std::string cached_zone;
  thread_local std::int64_t cached_minute = std::numeric_limits<std::int64_t>::min();
  thread_local CivilDate cached;
  const std::int64_t now = now_ms();
  const std::int64_t minute = now / 60000 - (now % 60000 < 0 ? 1 : 0);
  if (minute != cached_minute || zone != cached_zone) {
    cached = civil_date_in_zone(now, zone);
    cached_minute = minute;
    cached_zone = zone;
  }
  return cached;
}

namespace {

std::int64_t field_at(std::string_view text, std::size_t at, std::size_t length) {
  std::int64_t value = 0;
  if (at + length > text.size()) return 0;
  std::from_chars(text.data() + at, text.data() + at + length, value);
  return value;
}

}  // namespace

std::int64_t instant_ms(std::string_view iso) {
  // 2026-11-24T21:57:58.123Z, or 2026-11-24T21:57:58Z
  const bool whole_seconds = iso.size() >= 20 && iso[19] == 'Z';
  if (iso.size() < 23 && !whole_seconds) return 0;
  const CivilDate day =
      CivilDate::from_ymd(static_cast<int>(field_at(iso, 0, 4)), static_cast<int>(field_at(iso, 5, 2)),
                          static_cast<int>(field_at(iso, 8, 2)));
  const std::int64_t seconds =
      day.days_since_epoch() * 86400 + field_at(iso, 11, 2) * 3600 + field_at(iso, 14, 2) * 60 + field_at(iso, 17, 2);
  return seconds * 1000 + (whole_seconds ? 0 : field_at(iso, 20, 3));
}

namespace {

// A proleptic Gregorian calendar in `zone`, made once per thread and zone: making one
// (the zone's rules, the locale's week data) costs about 20 times the conversion, and
// the scheduler converts a few instants per message of every episode it plans.
icu::GregorianCalendar& zone_calendar(const std::string& zone) {
  thread_local std::map<std::string, std::unique_ptr<icu::GregorianCalendar>> calendars;
  auto& cal = calendars[zone];
  if (!cal) {
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    if (*tz == icu::TimeZone::getUnknown()) {
      calendars.erase(zone);
      throw std::invalid_argument("unknown time zone " + zone);
    }
    UErrorCode status = U_ZERO_ERROR;
    auto made = std::make_unique<icu::GregorianCalendar>(tz.release(), status);
    // A proleptic Gregorian calendar, so dates before 1582 agree with std::chrono.
    made->setGregorianChange(-8.64e15, status);
    if (U_FAILURE(status)) {
      calendars.erase(zone);
      throw std::runtime_error("ICU time zone calendar failed");
    }
    cal = std::move(made);
  }
  return *cal;
}

}  // namespace

CivilDate civil_date_in_zone(std::int64_t utc_ms, const std::string& zone) {
  icu::GregorianCalendar& cal = zone_calendar(zone);
  UErrorCode status = U_ZERO_ERROR;
  cal.setTime(static_cast<UDate>(utc_ms), status);
  const int y = cal.get(UCAL_EXTENDED_YEAR, status), m = cal.get(UCAL_MONTH, status) + 1,
            d = cal.get(UCAL_DATE, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU time zone conversion failed");
  return CivilDate::from_ymd(y, m, d);
}

std::int64_t day_start_in_zone(CivilDate day, const std::string& zone) {
  icu::GregorianCalendar& cal = zone_calendar(zone);
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.set(static_cast<int32_t>(day.year()), static_cast<int32_t>(day.month()) - 1, static_cast<int32_t>(day.day()), 0,
          0, 0);
  const UDate ms = cal.getTime(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU time zone conversion failed");
  return static_cast<std::int64_t>(ms);
}

}  // namespace rp
