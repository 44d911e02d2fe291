#pragma once
// The current instant and the clinic's current civil date. Injectable so that tests and
// the demo can fix "now".
#include <functional>
#include <string>
#include <string_view>

#include "base/civil_date.hpp"

namespace rp {

struct Clock {
  // Milliseconds since the Unix epoch, UTC.
  std::function<std::int64_t()> now_ms;
  static Clock system();
  static Clock fixed(std::int64_t ms);

  std::string now_iso() const;  // 2026-11-24T21:57:58.123Z
  // Today's date in the clinic's time zone (Asia/Tehran unless told otherwise).
  CivilDate today(const std::string& zone = "Asia/Tehran") const;
};

// Milliseconds since the epoch of an instant written by Clock::now_iso
// (2026-11-24T21:57:58.123Z; whole seconds, 2026-11-24T21:57:58Z, are read too); 0 for
// text too short to be one.
std::int64_t instant_ms(std::string_view iso);

// The civil date of an instant in an IANA time zone, through ICU's zone data.
CivilDate civil_date_in_zone(std::int64_t utc_ms, const std::string& zone);

}  // namespace rp
