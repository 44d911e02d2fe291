#include "domain/messaging/quiet_hours.hpp"

#include "base/clock.hpp"
#include "base/zone_day.hpp"

namespace rp::messaging {
namespace {
constexpr std::int64_t kMinuteMs = 60'000;
}

std::int64_t local_instant(const CivilDate& day, int minute, const SendingHours& hours) {
  return day_start_in_zone(day, hours.zone) + minute * kMinuteMs;
}

int local_minute(std::int64_t utc_ms, const SendingHours& hours) {
  const CivilDate day = civil_date_in_zone(utc_ms, hours.zone);
  return static_cast<int>((utc_ms - day_start_in_zone(day, hours.zone)) / kMinuteMs);
}

bool in_quiet_hours(std::int64_t utc_ms, const SendingHours& hours) {
  const int m = local_minute(utc_ms, hours);
  if (hours.quiet_from_minute == hours.quiet_until_minute) return false;  // no quiet hours
  if (hours.quiet_from_minute > hours.quiet_until_minute)                 // across midnight
    return m >= hours.quiet_from_minute || m < hours.quiet_until_minute;
  return m >= hours.quiet_from_minute && m < hours.quiet_until_minute;
}

std::int64_t outside_quiet_hours(std::int64_t utc_ms, const SendingHours& hours) {
  if (!in_quiet_hours(utc_ms, hours)) return utc_ms;
  const CivilDate day = civil_date_in_zone(utc_ms, hours.zone);
  // Quiet hours end today if they started yesterday evening (or today, not across
  // midnight), else tomorrow morning.
  const bool ends_today = local_minute(utc_ms, hours) < hours.quiet_until_minute;
  return local_instant(ends_today ? day : day.plus_days(1), hours.quiet_until_minute, hours);
}

}  // namespace rp::messaging
