// The audit viewer: who read or changed which record, when, filtered by patient, user and
// dates, a page at a time or as a CSV export. Admins see their own centre's rows.
#include "api/audit_search.hpp"
#include "api/contract/audit.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

const std::vector<http::Param> kFilters = {
    {"patient", "rows naming the patient, one of their episodes or events, or a list that showed them", false,
     "integer"},
    {"user", "rows of this username"},
    {"from", "from this day (YYYY-MM-DD, Asia/Tehran), inclusive; or from_jalali (YYYY/MM/DD)"},
    {"to", "up to this day, inclusive; or to_jalali"},
    {"before", "rows older than this seq: the next page (the answer's next_before)", false, "integer"},
};

std::vector<http::Param> with_limit(const std::string& text) {
  auto params = kFilters;
  params.push_back({"limit", text, false, "integer"});
  return params;
}

}  // namespace

void add_audit_routes(http::Router& r, Services& s) {
  r.add({"GET", "/api/v1/audit/rows",
         "Audit rows, newest first: who read or changed which record, when (the admin's centre only); the search is "
         "audited too",
         service::Permission::audit_read, with_limit("rows on the page, 1-1000 (default 100)"), "", false, false,
         [&s](http::Call& c) {
           const auto search = audit_search_from_query(c.request.query, 100, service::kAuditPageMax);
           return contract::audit_page_out(service::search_audit(s.store, s.clock, c.actor, search));
         }});
  r.add({"GET", "/api/v1/audit/rows.csv",
         "The same rows as a CSV download with a header row (cells a spreadsheet would run as a formula start with "
         "an apostrophe)",
         service::Permission::audit_read, with_limit("rows in the file, 1-10000 (default 10000)"), "", false, false,
         http::answering_text("text/csv", [&s](http::Call& c) {
           const auto search =
               audit_search_from_query(c.request.query, service::kAuditExportMax, service::kAuditExportMax);
           const auto page = service::search_audit(s.store, s.clock, c.actor, search, service::kAuditExportMax);
           http::Response res;
           res.body = audit_page_csv(page);
           res.content_type = "text/csv; charset=utf-8";
           res.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"audit-" + s.clock.today().iso() + ".csv\"");
           // More rows than one file holds: the seq to continue from.
           if (page.next_before_seq) res.headers.emplace_back("X-Next-Before", std::to_string(*page.next_before_seq));
           return res;
         })});
}

}  // namespace rp::api
