#include "api/worklist_json.hpp"

#include "api/http/json_body.hpp"
#include "api/json_pathway.hpp"
#include "base/digits.hpp"
#include "base/jalali.hpp"

namespace rp::api {

nlohmann::json entry_json(const service::WorklistEntry& e) {
  nlohmann::json row = {{"patient_id", e.who.patient_id}, {"mrn", e.who.mrn},
                        {"name_fa", e.who.name_fa},       {"name_latin", e.who.name_latin},
                        {"episode_id", e.who.episode_id}, {"side", to_string(e.who.side)},
                        {"state", to_string(e.who.state)}};
  // Left out, not blanked, for a role not shown mobiles: "not shown" never reads as "none".
  if (e.mobile) row["mobile"] = *e.mobile;
  row["item"] = {{"id", e.item.id},
                 {"kind", e.item.kind},
                 {"title", to_json(e.title)},
                 {"due", e.item.start.iso()},
                 {"due_jalali", to_jalali(e.item.start).iso()},
                 {"ends", e.item.end.iso()},
                 {"window_from", e.item.window_start.iso()},
                 {"window_to", e.item.window_end.iso()},
                 {"status", to_string(e.status)},
                 {"group", e.group},
                 {"responsible", e.responsible},
                 {"needs_prescriber_approval", e.needs_prescriber_approval}};
  return row;
}

nlohmann::json entries_json(const std::vector<service::WorklistEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) out.push_back(entry_json(e));
  return out;
}

nlohmann::json closed_json(const service::ClosedItem& c) {
  nlohmann::json row = entry_json(c.entry);
  row["closure"] = {{"id", c.closure.id},     {"action", c.closure.action}, {"reason", c.closure.reason},
                    {"note", c.closure.note}, {"by", c.closure.actor},      {"role", c.closure.role},
                    {"at", c.closure.at}};
  return row;
}

nlohmann::json filter_json(const service::WorklistFilter& f) {
  return {{"kind", f.kind},   {"patient", f.patient}, {"responsible", f.responsible},
          {"limit", f.limit}, {"offset", f.offset},   {"closed_offset", f.closed_offset}};
}

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
