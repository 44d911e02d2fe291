#pragma once
// The audit viewer's question and answers, shared by the HTTP API and the command line:
// the filters as query parameters, a page as JSON, and the CSV export.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

#include "api/contract/queries.hpp"
#include "service/audit.hpp"

namespace rp::api {

// The filters as the route's query type reads them (api/contract/queries.hpp); the limit
// is default_limit when not given.
service::AuditSearch audit_search(const contract::AuditPageQuery& query, int default_limit);
service::AuditSearch audit_search(const contract::AuditExportQuery& query, int default_limit);

// The same from the command line's options: patient, user, from | from_jalali, to |
// to_jalali (civil days, both inclusive), before (a row's seq: the older page), limit
// (1..max_limit, which is kAuditPageMax or kAuditExportMax). Names not listed are
// ignored; a bad value is InputError naming it.
service::AuditSearch audit_search_from_query(const std::map<std::string, std::string>& query, int default_limit,
                                             int max_limit);

// {rows: [{seq, at, actor, role, centre, action, entity, entity_id, detail, via}], next_before: seq | null}
nlohmann::json audit_page_json(const service::AuditPage& page);

// One header row, then one row per audit row (UTF-8 with a byte order mark, CRLF). A
// cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
// return) is prefixed with an apostrophe.
std::string audit_page_csv(const service::AuditPage& page);

// One CSV field, quoted when needed and defused as above.
std::string csv_cell(std::string_view text);

}  // namespace rp::api
