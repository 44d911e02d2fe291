// Registry views: de-identified aggregates only.
#include "api/contract/queries.hpp"
#include "api/contract/registry_export.hpp"
#include "api/contract/reports.hpp"
#include "api/deidentified_files.hpp"
#include "api/deidentified_ndjson_body.hpp"
#include "api/http/compression.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/deidentified_export.hpp"
#include "service/evidence.hpp"
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
       [&s](http::Call& c) {
         return contract::registry_summary_out(s.submissions.registry_summary(c.actor, s.heavy_reads));
       }});
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
         // Rendered once per data generation and kept (service/report_cache.hpp); X-Cache
         // says whether this answer was (hit) or was computed now (miss).
         http::answering<contract::OutcomeReportOut>(
             http::querying<contract::OutcomesQuery>([&s](http::Call& c, const contract::OutcomesQuery& q) {
               service::OutcomeRequest req;
               if (q.centre) req.centre_id = *q.centre;
               if (q.protocol) req.protocol = *q.protocol;
               service::Outcomes outcomes(s.store, s.clock, s.heavy_reads);
               // The evidence is written in the store like the figures: a change of it is a new
               // data generation, so the report kept for the last one is not served.
               const auto rendered = outcomes.rendered_report(c.actor, req, "", [&](const service::OutcomeReport& r) {
                 const auto evidence = service::Evidence(s.store, s.clock).of_protocol(r.protocol.id, false);
                 return ok(http::encode(contract::outcome_report_out(r, evidence))).body;
               });
               http::Response res = http::shared_json_response(200, rendered.body);
               res.headers.emplace_back("X-Cache", rendered.cached ? "hit" : "miss");
               return res;
             }))});
  r.add({"GET",
         "/api/v1/registry/export",
         "The de-identified export as NDJSON, a line {table, row} per row of patients, episodes, visits, scores, "
         "transitions, adverse_events and products (the lab's measures, no DIN): pseudonyms, dates moved by a "
         "per-patient shift, ages in five-year bands, "
         "no patient without registry consent. Analysts export any centre; a centre's admin their own",
         service::Permission::registry_read,
         {},
         "",
         false,
         false,
         http::answering_text(
             "application/x-ndjson",
             http::querying<contract::RegistryExportQuery>([&s](http::Call& c, const contract::RegistryExportQuery& q) {
               if (q.format && *q.format != "ndjson")
                 throw InputError("format", "not_one_of"_err, {{"value", *q.format}, {"allowed", "ndjson"}});
               service::ExportRequest req;
               req.centre_id = q.centre;
               req.protocol_id = q.protocol;
               // Made into temporary files as the rows come and sent from them a part at a
               // time: a registry's export never held whole in the server's memory.
               // Compressed when the client takes gzip: a tenth of the bytes over the wire.
               http::Response res;
               res.gzip = http::accepts_gzip(c.request.accept_encoding);
               res.varies_by_encoding = true;
               res.parts = deidentified_ndjson_body(s.store, s.clock, c.actor, req, s.heavy_reads, res.gzip);
               res.content_type = "application/x-ndjson; charset=utf-8";
               res.headers.emplace_back("Content-Disposition", "attachment; filename=\"registry-export.ndjson\"");
               return res;
             }))});
}

}  // namespace rp::api
