#pragma once
// JSON shapes of the pathway's domain objects, shared by the CLI and the HTTP API.
#include <nlohmann/json.hpp>

#include "domain/centre.hpp"
#include "domain/eligibility.hpp"
#include "domain/episode.hpp"
#include "domain/patient.hpp"
#include "domain/schedule.hpp"

namespace rp::api {

nlohmann::json to_json(const ScheduledItem& item, const Protocol& protocol, std::string_view lang);
nlohmann::json to_json(const std::vector<ScheduledItem>& items, const Protocol& protocol, std::string_view lang);
nlohmann::json to_json(const EligibilityResult& result, std::string_view lang);
nlohmann::json to_json(const Centre& c);
nlohmann::json to_json(const Patient& p);
nlohmann::json to_json(const Episode& e);
nlohmann::json to_json(const Transition& t);

}  // namespace rp::api
