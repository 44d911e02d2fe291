#pragma once
// An instant a client sends (the start and end of a harvest): an ISO 8601 date and time in
// UTC, written as Clock::now_iso writes one, so that stored instants order as text.
#include <cstdint>
#include <string>
#include <string_view>

namespace rp {

struct UtcInstant {
  std::int64_t ms = 0;  // since the Unix epoch
  std::string iso;      // 2026-03-20T08:30:00.000Z
};

// Reads YYYY-MM-DDTHH:MM, then optionally :SS and a fraction of a second, then Z (UTC
// only: a clinic's local time with an offset is refused, not guessed). ASCII digits, a
// year from 1900 to 2999. Throws InputError(field, utc_instant) for anything else, and
// the date's own error for a day that does not exist.
UtcInstant parse_utc_instant(std::string_view text, std::string_view field);

}  // namespace rp
