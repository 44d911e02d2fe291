// Registry views: de-identified aggregates only.
#include "api/routes.hpp"

namespace rp::api {

void add_report_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/registry/summary",
         "De-identified counts per centre: episodes by state, adverse events by kind and severity",
         {"analyst", "admin"},
         {},
         "",
         false,
         false,
         [&s](http::Call& c) { return ok(s.submissions.registry_summary(c.actor)); }});
  // The outcomes engine (survival free of hip replacement, responder rates, claims audit)
  // has no service entry point yet; this route answers 501 until it does.
  r.add({"GET",
         "/api/v1/reports/outcomes",
         "Outcomes report: survival free of hip replacement, responder rates, adverse-event rates, claims audit "
         "(not implemented yet)",
         {"analyst", "admin", "surgeon"},
         {},
         "",
         false,
         false,
         [](http::Call&) {
           return http::error_response(501, "not_implemented",
                                       "the outcomes report is not available in this build yet");
         }});
}

}  // namespace rp::api
