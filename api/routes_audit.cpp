// The audit viewer: who read or changed which record, when, filtered by patient, user and
// dates, a page at a time or as a CSV export. Admins see their own centre's rows.
#include "api/audit_search.hpp"
#include "api/contract/audit.hpp"
#include "api/routes.hpp"

namespace rp::api {
void add_audit_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/audit/rows",
         "Audit rows, newest first: who read or changed which record, when (the admin's centre only); the search is "
         "audited too",
         service::Permission::audit_read,
         {},
         "",
         false,
         false,
         http::querying<contract::AuditPageQuery>([&s](http::Call& c, const contract::AuditPageQuery& q) {
           return contract::audit_page_out(service::search_audit(s.store, s.clock, c.actor, audit_search(q, 100)));
         })});
  r.add({"GET",
         "/api/v1/audit/rows.csv",
         "The same rows as a CSV download with a header row (cells a spreadsheet would run as a formula start with "
         "an apostrophe)",
         service::Permission::audit_read,
         {},
         "",
         false,
         false,
         http::answering_text(
             "text/csv",
             http::querying<contract::AuditExportQuery>([&s](http::Call& c, const contract::AuditExportQuery& q) {
               const auto search = audit_search(q, service::kAuditExportMax);
               const auto page = service::search_audit(s.store, s.clock, c.actor, search, service::kAuditExportMax);
               http::Response res;
               res.body = audit_page_csv(page);
               res.content_type = "text/csv; charset=utf-8";
               res.headers.emplace_back("Content-Disposition",
                                        "attachment; filename=\"audit-" + s.clock.today().iso() + ".csv\"");
               // More rows than one file holds: the seq to continue from.
               if (page.next_before_seq)
                 res.headers.emplace_back("X-Next-Before", std::to_string(*page.next_before_seq));
               return res;
             }))});
}

}  // namespace rp::api
