// The staff worklist: one read of everything at the caller's centre that needs someone
// today. Red flags are acknowledged through POST /api/v1/red-flags/{event_id}/acknowledge
// and leave the worklist once triaged (POST /api/v1/red-flags/{event_id}/triage); items
// whose window closed are closed as missed (and reopened) by the routes in
// routes_worklist_closing.cpp.
#include "api/contract/worklist.hpp"
#include "api/routes.hpp"
#include "api/worklist_json.hpp"
#include "service/worklist.hpp"
#include "service/worklist_cursor.hpp"

namespace rp::api {

void add_worklist_closing_routes(http::Router& r, Services& s);

void add_worklist_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/worklist",
         "The day's worklist at the caller's centre: visits, imaging, questionnaires and work-up tests due today, "
         "then overdue (target passed, window still open: group overdue), then those whose window is open or that "
         "are due within 7 days (group upcoming); apart, the items "
         "whose window closed with nothing recorded (window_closed, to be closed as missed); drug holds starting "
         "within 7 days (a page of limit rows from holds_offset, and holds_total), open red flags (newest first), "
         "products awaiting release, and patients whose sign-in code "
         "is being guessed. Each item row has the role responsible and, for admin, coordinator and surgeon, the "
         "patient's mobile",
         service::Permission::worklist_read,
         {},
         "",
         false,
         false,
         http::querying<contract::WorklistQuery>([&s](http::Call& c, const contract::WorklistQuery& q) {
           service::WorklistFilter filter = worklist_filter(q);
           if (q.closed_offset) filter.closed_offset = static_cast<int>(*q.closed_offset);
           if (q.holds_offset) filter.holds_offset = static_cast<int>(*q.holds_offset);
           if (q.after) filter.after = service::decode_cursor(*q.after, "after");
           return contract::worklist_out(
               service::worklist(s.store, s.clock, c.actor, q.date, s.auth.policy().guess_alert, filter));
         })});
  add_worklist_closing_routes(r, s);
}

}  // namespace rp::api
