#pragma once
// When a message may reach a patient: the clinic's local day (Asia/Tehran) and its quiet
// hours, during which nothing is sent. Instants are milliseconds since the Unix epoch, UTC.
#include <cstdint>
#include <string>

#include "base/civil_date.hpp"

namespace rp::messaging {

struct SendingHours {
  std::string zone = "Asia/Tehran";
  int quiet_from_minute = 21 * 60;  // 21:00 local: quiet from here...
  int quiet_until_minute = 8 * 60;  // ...until 08:00 local the next morning
  int send_minute = 9 * 60;         // a message about a day goes out at 09:00 local that day
};

// The instant of `minute` (minutes after midnight) on `day`, local time in hours.zone.
std::int64_t local_instant(const CivilDate& day, int minute, const SendingHours& hours);
// Minutes after local midnight of an instant.
int local_minute(std::int64_t utc_ms, const SendingHours& hours);
bool in_quiet_hours(std::int64_t utc_ms, const SendingHours& hours);
// The instant itself outside quiet hours; inside them, the end of the quiet hours
// (the next 08:00 local, by default).
std::int64_t outside_quiet_hours(std::int64_t utc_ms, const SendingHours& hours);

}  // namespace rp::messaging
