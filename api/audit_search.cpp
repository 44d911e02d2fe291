#include "api/audit_search.hpp"

#include <limits>
#include <utility>

#include "api/contract/audit.hpp"
#include "api/http/json_body.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"

namespace rp::api {
namespace {

std::optional<std::string> param(const std::map<std::string, std::string>& query, const std::string& name) {
  const auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

constexpr const char* kColumns[] = {"seq",    "at",     "actor",     "role", "centre",
                                    "action", "entity", "entity_id", "via",  "detail"};

}  // namespace

service::AuditSearch audit_search_from_query(const std::map<std::string, std::string>& query, int default_limit,
                                             int max_limit) {
  constexpr auto kMaxId = std::numeric_limits<std::int64_t>::max();
  service::AuditSearch s;
  s.limit = default_limit;
  if (auto v = param(query, "patient")) s.patient_id = http::bounded_integer(*v, "patient", 1, kMaxId);
  if (auto v = param(query, "user")) {
    if (v->size() > 64) throw InputError("user", "too_many_characters"_err, {{"max", 64}});
    s.user = *v;
  }
  s.from = date_from_twins(param(query, "from"), param(query, "from_jalali"), "from");
  s.to = date_from_twins(param(query, "to"), param(query, "to_jalali"), "to");
  if (auto v = param(query, "before")) s.before_seq = http::bounded_integer(*v, "before", 1, kMaxId);
  if (auto v = param(query, "limit")) s.limit = static_cast<int>(http::bounded_integer(*v, "limit", 1, max_limit));
  return s;
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
