// Registry views: de-identified aggregates only.
#include "api/contract/reports.hpp"
#include "api/routes.hpp"
#include "service/outcomes.hpp"

namespace rp::api {

void add_report_routes(http::Router& r, Services& s) {
  r.add(
      {"GET",
       "/api/v1/registry/summary",
       "De-identified counts per centre: episodes by state, adverse events by what a clinician decided of them "
       "(adverse_event:serious|not_serious|not_assessed, red_flag:untriaged|adverse_event|not_adverse_event). Analysts "
       "see every centre; a centre's admin sees that centre's",
       service::Permission::registry_read,
       {},
       "",
       false,
       false,
       [&s](http::Call& c) { return contract::registry_summary_out(s.submissions.registry_summary(c.actor)); }});
  r.add({"GET",
         "/api/v1/reports/outcomes",
         "Outcomes report: survival free of hip replacement with log-rank by centre, PROM trajectories, responder "
         "rates, adverse events, completeness, funnel and claims audit. Analysts see every centre; a centre's "
         "surgeons and admins see theirs and the overall figures",
         service::Permission::reports_read,
         {{"centre", "one centre's figures beside the overall ones"}, {"protocol", "protocol id (default hip-msc-v1)"}},
         "",
         false,
         false,
         [&s](http::Call& c) {
           service::OutcomeRequest req;
           const auto& q = c.request.query;
           if (auto it = q.find("centre"); it != q.end() && !it->second.empty())
             req.centre_id = it->second.substr(0, 64);
           if (auto it = q.find("protocol"); it != q.end() && !it->second.empty())
             req.protocol = it->second.substr(0, 64);
           service::Outcomes outcomes(s.store, s.clock);
           return contract::outcome_report_out(outcomes.report(c.actor, req));
         }});
}

}  // namespace rp::api
