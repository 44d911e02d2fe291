#pragma once
// Where a civil day begins in a time zone: the audit viewer's "from 1405/09/01" means
// from midnight in Tehran, not in UTC.
#include <cstdint>
#include <string>

#include "base/civil_date.hpp"

namespace rp {

// Milliseconds since the Unix epoch, UTC, of 00:00 on `day` in the IANA zone (through
// ICU's zone data, so an old date with daylight saving time is right too).
std::int64_t day_start_in_zone(CivilDate day, const std::string& zone);

}  // namespace rp
