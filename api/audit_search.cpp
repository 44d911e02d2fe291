#include "api/audit_search.hpp"

#include <stdexcept>

#include "api/contract/audit.hpp"
#include "api/http/json_body.hpp"

namespace rp::api {
namespace {

constexpr const char* kColumns[] = {"seq",    "at",     "actor",     "role", "centre",
                                    "action", "entity", "entity_id", "via",  "detail"};

template <class Query>
service::AuditSearch search_of(const Query& q, int default_limit) {
  service::AuditSearch s;
  s.patient_id = q.patient;
  s.user = q.user.value_or("");
  s.from = q.from;
  s.to = q.to;
  s.before_seq = q.before;
  s.limit = q.limit ? static_cast<int>(*q.limit) : default_limit;
  return s;
}

}  // namespace

service::AuditSearch audit_search(const contract::AuditPageQuery& query, int default_limit) {
  return search_of(query, default_limit);
}

service::AuditSearch audit_search(const contract::AuditExportQuery& query, int default_limit) {
  return search_of(query, default_limit);
}

service::AuditSearch audit_search_from_query(const std::map<std::string, std::string>& query, int default_limit,
                                             int max_limit) {
  if (max_limit == service::kAuditPageMax)
    return audit_search(http::decode_query<contract::AuditPageQuery>(query), default_limit);
  if (max_limit == service::kAuditExportMax)
    return audit_search(http::decode_query<contract::AuditExportQuery>(query), default_limit);
  throw std::logic_error("an audit search's limit is a page's or an export's");
}

nlohmann::json audit_page_json(const service::AuditPage& page) { return http::encode(contract::audit_page_out(page)); }

std::string csv_cell(std::string_view text) {
  std::string cell;
  // A spreadsheet runs a cell that starts like a formula; an apostrophe makes it text.
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) cell = "'";
  cell.append(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string audit_page_csv(const service::AuditPage& page) {
  std::string out = "\xEF\xBB\xBF";  // so that a spreadsheet reads Persian text as UTF-8
  for (std::size_t i = 0; i < std::size(kColumns); ++i) out += (i ? "," : "") + std::string(kColumns[i]);
  out += "\r\n";
  for (const auto& a : page.rows) {
    const auto& r = a.row;
    const std::string cells[] = {
        std::to_string(r.seq),        r.at,    r.actor, r.role, r.centre_id, r.action, r.entity, r.entity_id,
        a.listed ? "list" : "record", r.detail};
    for (std::size_t i = 0; i < std::size(cells); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace rp::api
