#include "api/worklist_json.hpp"

#include "api/contract/worklist.hpp"
#include "api/http/json_body.hpp"

namespace rp::api {

nlohmann::json entry_json(const service::WorklistEntry& e) { return http::encode(contract::worklist_entry_out(e)); }

nlohmann::json entries_json(const std::vector<service::WorklistEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) out.push_back(entry_json(e));
  return out;
}

nlohmann::json closed_json(const service::ClosedItem& c) { return http::encode(contract::closed_item_out(c)); }

service::WorklistFilter worklist_filter(const contract::WorklistFilterQuery& query) {
  service::WorklistFilter f;
  f.kind = query.kind.value_or("");
  f.responsible = query.responsible.value_or("");
  f.patient = query.patient.value_or("");
  if (query.limit) f.limit = static_cast<int>(*query.limit);
  if (query.offset) f.offset = static_cast<int>(*query.offset);
  return f;
}

}  // namespace rp::api
