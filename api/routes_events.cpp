// Adverse events recorded by staff, and red flags patients report, which stay open
// until a clinician acknowledges them.
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_records.hpp"
#include "api/routes.hpp"

namespace rp::api {

void add_event_routes(http::Router& r, Services& s) {
  const std::vector<std::string> readers{"admin", "surgeon", "coordinator", "lab", "physiotherapist"};
  const std::vector<std::string> clinicians{"surgeon", "coordinator", "physiotherapist"};
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/adverse-events",
         "Records an adverse event",
         clinicians,
         {},
         "{category, severity: mild|moderate|severe|serious, description?, onset?}",
         true,
         false,
         [&s](http::Call& c) {
           const auto in = decode_event(http::parse_json_object(c.request.body));
           const auto id = http::id_param(c.request.params.at("episode_id"), "episode");
           return ok(to_json(s.submissions.record_adverse_event(c.actor, id, in)), 201);
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/adverse-events",
         "The episode's adverse events and red flags",
         readers,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto id = http::id_param(c.request.params.at("episode_id"), "episode");
           nlohmann::json out = nlohmann::json::array();
           for (const auto& e : s.submissions.adverse_events(c.actor, id)) out.push_back(to_json(e));
           return ok(out);
         }});
  r.add({"GET",
         "/api/v1/red-flags",
         "Open red flags at the centre, oldest first: they need a clinician now",
         clinicians,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           nlohmann::json out = nlohmann::json::array();
           for (const auto& e : s.submissions.open_red_flags(c.actor)) out.push_back(to_json(e));
           return ok(out);
         }});
  r.add({"POST",
         "/api/v1/red-flags/{event_id}/acknowledge",
         "A clinician acknowledges a red flag",
         clinicians,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto id = http::id_param(c.request.params.at("event_id"), "event");
           return ok(to_json(s.submissions.acknowledge_red_flag(c.actor, id)));
         }});
}

}  // namespace rp::api
