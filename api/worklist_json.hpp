#pragma once
// The worklist's item rows and filters on the wire, shared by the worklist read and the
// routes that close items as missed and reopen them.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/contract/queries.hpp"
#include "api/http/router.hpp"
#include "service/worklist.hpp"
#include "service/worklist_closing.hpp"

namespace rp::api {

// A row: who (with "mobile" only when the role is shown it) and the item, as
// api/contract/worklist.hpp describes it (for the command line).
nlohmann::json entry_json(const service::WorklistEntry& e);
nlohmann::json entries_json(const std::vector<service::WorklistEntry>& entries);
nlohmann::json closed_json(const service::ClosedItem& c);

// The filter as the service takes it (the worklist read adds its closed_offset).
service::WorklistFilter worklist_filter(const contract::WorklistFilterQuery& query);

}  // namespace rp::api
