#pragma once
// JSON shapes of the pathway's domain objects, shared by the CLI and the HTTP API.
#include <nlohmann/json.hpp>

#include "domain/centre.hpp"
#include "domain/eligibility.hpp"
#include "domain/episode.hpp"
#include "domain/patient.hpp"
#include "domain/schedule.hpp"

namespace rp::api {

// A schedule item: `status` is where it stands on `today`, the clinic's date (done, missed,
// cancelled, upcoming, due, overdue, out_of_window, active, ended: domain/schedule.hpp);
// `recorded_status` is what staff recorded (planned, done, missed, cancelled).
nlohmann::json to_json(const ScheduledItem& item, const Protocol& protocol, std::string_view lang,
                       const CivilDate& today);
nlohmann::json to_json(const std::vector<ScheduledItem>& items, const Protocol& protocol, std::string_view lang,
                       const CivilDate& today);
nlohmann::json to_json(const EligibilityResult& result, std::string_view lang);
// Texts in both languages: {"en", "fa"}.
nlohmann::json to_json(const LocalText& t);
// A parsed protocol: anchors, eligibility rules and items with offsets as written (+14d).
nlohmann::json to_json(const Protocol& p);
nlohmann::json to_json(const Centre& c);
nlohmann::json to_json(const Patient& p);
nlohmann::json to_json(const Episode& e);
nlohmann::json to_json(const Transition& t);

}  // namespace rp::api
