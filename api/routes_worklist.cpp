// The staff worklist: one read of everything at the caller's centre that needs someone
// today. Red flags are acknowledged through POST /api/v1/red-flags/{event_id}/acknowledge
// and leave the worklist once triaged (POST /api/v1/red-flags/{event_id}/triage); items
// whose window closed are closed as missed (and reopened) by the routes in
// routes_worklist_closing.cpp.
#include "api/contract/worklist.hpp"
#include "api/routes.hpp"
#include "api/worklist_json.hpp"
#include "base/date_input.hpp"
#include "service/worklist.hpp"

namespace rp::api {

void add_worklist_closing_routes(http::Router& r, Services& s);

void add_worklist_routes(http::Router& r, Services& s) {
  r.add({"GET", "/api/v1/worklist",
         "The day's worklist at the caller's centre: visits, imaging, questionnaires and work-up tests due today, "
         "then overdue (target passed, window still open: group overdue), then those whose window is open or that "
         "are due within 7 days (group upcoming); apart, the items "
         "whose window closed with nothing recorded (window_closed, to be closed as missed); drug holds starting "
         "within 7 days, open red flags (newest first), products awaiting release, and patients whose sign-in code "
         "is being guessed. Each item row has the role responsible and, for admin, coordinator and surgeon, the "
         "patient's mobile",
         service::Permission::worklist_read, worklist_filter_params(true), "", false, false, [&s](http::Call& c) {
           const auto param = [&c](const char* name) -> std::optional<std::string> {
             const auto it = c.request.query.find(name);
             if (it == c.request.query.end()) return std::nullopt;
             return it->second.substr(0, 64);
           };
           const std::optional<CivilDate> date = date_from_twins(param("date"), param("date_jalali"), "date");
           const service::WorklistFilter filter = worklist_filter(c.request.query);
           return contract::worklist_out(
               service::worklist(s.store, s.clock, c.actor, date, s.auth.policy().guess_alert, filter));
         }});
  add_worklist_closing_routes(r, s);
}

}  // namespace rp::api
