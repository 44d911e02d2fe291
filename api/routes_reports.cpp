// Registry views: de-identified aggregates only.
#include "api/contract/queries.hpp"
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
         {},
         "",
         false,
         false,
         http::querying<contract::OutcomesQuery>([&s](http::Call& c, const contract::OutcomesQuery& q) {
           service::OutcomeRequest req;
           if (q.centre) req.centre_id = *q.centre;
           if (q.protocol) req.protocol = *q.protocol;
           service::Outcomes outcomes(s.store, s.clock);
           return contract::outcome_report_out(outcomes.report(c.actor, req));
         })});
}

}  // namespace rp::api
