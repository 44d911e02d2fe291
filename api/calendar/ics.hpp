#pragma once
// A patient's schedule as iCalendar (RFC 5545): one all-day event per dated item, a
// period (a drug hold, rest, a rehab stage) as one event over its days, a questionnaire
// over its window. Calendar apps keep an event by its UID, so the UID names what the
// item is (the protocol item and the episode), never its dates: a re-plan moves the
// event instead of adding a second one.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/protocol.hpp"
#include "domain/schedule.hpp"

namespace rp::api::calendar {

// One episode's items and the protocol they come from. `scope` tells episodes apart in
// the UIDs: the episode's id, or "plan" for a schedule that belongs to no episode.
struct CalendarSchedule {
  const Protocol* protocol = nullptr;
  std::vector<ScheduledItem> items;
  std::string scope = "plan";
};

struct IcsOptions {
  std::string lang = "en";         // en or fa: titles and descriptions
  std::string host = "regenpath";  // the UID's domain part
  std::int64_t stamp_ms = 0;       // DTSTAMP: the instant of the export, UTC
  std::string name;                // X-WR-CALNAME, when not empty
};

// "<item id>.<scope>@<host>"
std::string event_uid(const ScheduledItem& item, const std::string& scope, const std::string& host);

// The VCALENDAR text, lines ended by CRLF. Cancelled items are left out.
std::string to_ics(const std::vector<CalendarSchedule>& schedules, const IcsOptions& options);

}  // namespace rp::api::calendar
