// Private calendar feeds (issue 18): staff make and revoke a patient's feed, the patient
// makes their own in the portal, and calendar apps read it at /calendar/<token>.ics
// without signing in: the token is the key. The service keeps only the token's hash and
// audits every make, revoke and read (service/calendar_feeds.hpp); api/calendar writes
// the iCalendar.
#include "api/calendar/ics.hpp"
#include "api/contract/calendar.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/calendar_feeds.hpp"
#include "service/protocols.hpp"

namespace rp::api {
namespace {

constexpr std::string_view kFeedSuffix = ".ics";

std::int64_t patient_of(const http::Call& c) { return http::id_param(c.request.params.at("patient_id"), "patient"); }

contract::CalendarFeedOut feed_out(const service::CalendarFeedIssued& f) {
  return {f.token, "/calendar/" + f.token + std::string(kFeedSuffix), f.created_at};
}

// The feed's text: every dated item of the open episodes, each episode's items under
// UIDs of its own ("<item>.<episode id>@regenpath"), so a re-plan moves the events.
// In `asked` when the subscriber's URL says (?lang=), else in the patient's language.
http::Response feed_calendar(Services& s, const std::string& file, const std::optional<std::string>& asked) {
  const bool named_ics = file.size() > kFeedSuffix.size() && file.ends_with(kFeedSuffix);
  if (!named_ics) throw NotFoundError("token", "calendar_feed_not_found"_err);
  const auto content = service::CalendarFeeds(s.store, s.clock).read(file.substr(0, file.size() - kFeedSuffix.size()));
  const std::string lang = asked.value_or(std::string(to_string(content.language)));
  std::vector<std::shared_ptr<const Protocol>> protocols;
  std::vector<calendar::CalendarSchedule> schedules;
  for (std::size_t i = 0; i < content.episodes.size(); ++i) {
    protocols.push_back(service::load_protocol(content.episodes[i].protocol_id));
    schedules.push_back({protocols.back().get(), content.schedules[i], std::to_string(content.episodes[i].id)});
  }
  const std::string name = protocols.empty() ? "regenpath" : protocols.front()->title.in(lang);
  http::Response res;
  res.content_type = "text/calendar; charset=utf-8";
  res.body = calendar::to_ics(schedules, {.lang = lang, .stamp_ms = s.clock.now_ms(), .name = name});
  res.headers.emplace_back("Content-Disposition", "inline; filename=\"regenpath.ics\"");
  return res;
}

}  // namespace

void add_calendar_routes(http::Router& r, Services& s) {
  r.add({"POST",
         "/api/v1/patients/{patient_id}/calendar-feed",
         "Makes the patient's private calendar feed and answers its link, once (only the token's hash is kept). A "
         "feed the patient had is revoked: one live link per patient. Another centre's patient is not found",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return http::Created<contract::CalendarFeedOut>{
               feed_out(service::CalendarFeeds(s.store, s.clock).create(c.actor, patient_of(c)))};
         }});
  r.add({"DELETE",
         "/api/v1/patients/{patient_id}/calendar-feed",
         "Revokes the patient's calendar feed: its link answers 404 from then on. 404 when there is none",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           service::CalendarFeeds(s.store, s.clock).revoke(c.actor, patient_of(c));
           return contract::CalendarFeedRevoked{};
         }});
  r.add({"GET",
         "/api/v1/me/calendar-feed",
         "Whether the signed-in patient has a calendar link, and since when (the link itself is shown only when made)",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto since = service::CalendarFeeds(s.store, s.clock).own_feed_since(c.actor);
           return contract::OwnCalendarFeedOut{since.has_value(), since};
         }});
  r.add({"POST",
         "/api/v1/me/calendar-feed",
         "Makes the signed-in patient's calendar link and answers it, once; a link they had stops working",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return http::Created<contract::CalendarFeedOut>{
               feed_out(service::CalendarFeeds(s.store, s.clock).create_own(c.actor))};
         }});
  r.add({"GET",
         "/calendar/{feed}",
         "A patient's calendar feed, <token>.ics: iCalendar (RFC 5545), one all-day event per dated item of the "
         "patient's open episodes. No sign-in: the token is the key. An unknown or revoked token is 404, alike",
         http::kPublic,
         {},
         "",
         false,
         false,
         http::answering_text("text/calendar", http::querying<contract::CalendarFeedQuery>(
                                                   [&s](http::Call& c, const contract::CalendarFeedQuery& q) {
                                                     return feed_calendar(s, c.request.params.at("feed"), q.lang);
                                                   }))});
}

}  // namespace rp::api
