#include "api/worklist_json.hpp"

#include "api/contract/worklist.hpp"
#include "api/http/json_body.hpp"
#include "base/digits.hpp"

namespace rp::api {

nlohmann::json entry_json(const service::WorklistEntry& e) { return http::encode(contract::worklist_entry_out(e)); }

nlohmann::json entries_json(const std::vector<service::WorklistEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) out.push_back(entry_json(e));
  return out;
}

nlohmann::json closed_json(const service::ClosedItem& c) { return http::encode(contract::closed_item_out(c)); }

std::vector<http::Param> worklist_filter_params(bool worklist_read) {
  std::vector<http::Param> out;
  if (worklist_read) {
    out.push_back({"date", "the day, Gregorian YYYY-MM-DD, any digits (default: the clinic's today, Asia/Tehran)"});
    out.push_back({"date_jalali", "the day in the Jalali calendar, YYYY/MM/DD, any digits (instead of date)"});
  }
  out.push_back({"kind", "only items of this kind: visit, imaging, questionnaire, order (work-up tests) or hold"});
  out.push_back({"patient", "only patients whose name (either script) or record number contains this text"});
  out.push_back({"responsible", "only items this role carries out: coordinator, surgeon, physiotherapist or lab"});
  out.push_back(
      {"limit", "rows per section (a whole number 1-1000, default 200; anything else is refused)", false, "integer"});
  out.push_back({"offset", "rows of the list to skip (a whole number 0-1000000, default 0)", false, "integer"});
  if (worklist_read)
    out.push_back(
        {"closed_offset", "rows to skip of the items whose window closed (0-1000000, default 0)", false, "integer"});
  return out;
}

service::WorklistFilter worklist_filter(const std::map<std::string, std::string>& query) {
  service::WorklistFilter f;
  const auto text = [&](const char* name) -> std::string {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  f.kind = text("kind").substr(0, 64);
  f.responsible = text("responsible").substr(0, 64);
  const std::string patient = text("patient");
  if (patient.size() > 200) throw InputError("patient", "too_many_bytes"_err, {{"max", 200}});
  // Record numbers are stored in ASCII digits; names keep their letters.
  f.patient = ascii_digits(patient, "patient");
  if (const auto it = query.find("limit"); it != query.end())
    f.limit = static_cast<int>(http::bounded_integer(it->second, "limit", 1, 1000));
  if (const auto it = query.find("offset"); it != query.end())
    f.offset = static_cast<int>(http::bounded_integer(it->second, "offset", 0, 1000000));
  if (const auto it = query.find("closed_offset"); it != query.end())
    f.closed_offset = static_cast<int>(http::bounded_integer(it->second, "closed_offset", 0, 1000000));
  return f;
}

}  // namespace rp::api
