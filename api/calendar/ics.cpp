#include "api/calendar/ics.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

namespace rp::api::calendar {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype ical_date(const CivilDate& d) {
  icaltimetype t = icaltime_null_date();
  t.year = d.year();
  t.month = d.month();
  t.day = d.day();
  return t;
}

icaltimetype ical_utc(std::int64_t ms) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(ms / 1000), 0, icaltimezone_get_utc_timezone());
}

// A questionnaire may be answered on any day of its window, so its event covers the
// window; every other item covers the days it runs (one day for a visit).
std::pair<CivilDate, CivilDate> event_days(const ScheduledItem& item) {
  if (item.kind == "questionnaire") return {item.window_start, item.window_end};
  return {item.start, item.end};
}

icalcomponent* event_for(const ScheduledItem& item, const Protocol& protocol, const std::string& scope,
                         const IcsOptions& options) {
  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(event_uid(item, scope, options.host).c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(ical_utc(options.stamp_ms)));
  const auto [first, last] = event_days(item);
  icalcomponent_add_property(event, icalproperty_new_dtstart(ical_date(first)));
  // DTEND of an all-day event is exclusive: the day after the last one.
  icalcomponent_add_property(event, icalproperty_new_dtend(ical_date(last.plus_days(1))));
  const ProtocolItem* defined = protocol.find_item(item.id);
  const std::string summary = defined ? defined->title.in(options.lang) : item.id;
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  if (defined && defined->detail) {
    icalcomponent_add_property(event, icalproperty_new_description(defined->detail->in(options.lang).c_str()));
  }
  icalcomponent_add_property(event, icalproperty_new_categories(item.kind.c_str()));
  // An all-day reminder of the schedule, not a meeting: it never blocks the day.
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  return event;
}

}  // namespace

std::string event_uid(const ScheduledItem& item, const std::string& scope, const std::string& host) {
  return item.id + "." + scope + "@" + host;
}

std::string to_ics(const std::vector<CalendarSchedule>& schedules, const IcsOptions& options) {
  Component calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//regenpath//schedule//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!options.name.empty()) {
    icalproperty* name = icalproperty_new_x(options.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(calendar.get(), name);
  }
  for (const auto& schedule : schedules) {
    for (const auto& item : schedule.items) {
      if (item.status == ItemStatus::cancelled) continue;
      icalcomponent_add_component(calendar.get(), event_for(item, *schedule.protocol, schedule.scope, options));
    }
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace rp::api::calendar
