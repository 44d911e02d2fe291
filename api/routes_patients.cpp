// Patients: search, register, read one record (every read is audited by the service).
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_pathway.hpp"
#include "api/routes.hpp"

namespace rp::api {

void add_patient_routes(http::Router& r, Services& s) {
  const std::vector<std::string> readers{"admin", "surgeon", "coordinator", "lab", "physiotherapist"};
  r.add({"GET",
         "/api/v1/patients",
         "Searches the centre's patients, each with its episodes (id, side, state) (audited: results show identifying "
         "data)",
         readers,
         {{"q", "name, record number, national id or mobile"},
          {"state", "only patients with an episode in this state"},
          {"limit", "at most this many (1-1000, default 200)", false, "integer"}},
         "",
         false,
         false,
         [&s](http::Call& c) {
           store::PatientQuery q;
           const auto& query = c.request.query;
           if (auto it = query.find("q"); it != query.end()) q.text = it->second.substr(0, 200);
           if (auto it = query.find("state"); it != query.end() && !it->second.empty())
             q.episode_state = parse_episode_state(it->second, "state");
           if (auto it = query.find("limit"); it != query.end()) {
             try {
               q.limit = std::stoi(it->second);
             } catch (const std::exception&) {
               throw InputError("limit", "must be an integer");
             }
           }
           nlohmann::json out = nlohmann::json::array();
           for (const auto& r : s.pathway.find_patients(c.actor, q)) {
             nlohmann::json j = to_json(r.patient);
             j["episodes"] = nlohmann::json::array();
             for (const auto& e : r.episodes)
               j["episodes"].push_back({{"id", e.id}, {"side", to_string(e.side)}, {"state", to_string(e.state)}});
             out.push_back(j);
           }
           return ok(out);
         }});
  r.add({"POST",
         "/api/v1/patients",
         "Registers a patient at the signed-in user's centre",
         {"admin", "coordinator", "surgeon"},
         {},
         "{mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, consent: {treatment, registry, contact}}",
         true,
         false,
         [&s](http::Call& c) {
           const auto p = decode_patient(http::parse_json_object(c.request.body));
           return ok(to_json(s.pathway.add_patient(c.actor, p)), 201);
         }});
  r.add({"PATCH",
         "/api/v1/patients/{patient_id}",
         "Corrects a patient's details (only the fields sent; the centre never changes). The audit row keeps each "
         "changed field's old and new value and the reason",
         {"admin", "coordinator", "surgeon"},
         {},
         "{mrn?, name_fa?, name_latin?, sex?, birth_date?, mobile?, national_id?, consent?: {treatment?, registry?, "
         "contact?}, reason}",
         false,
         false,
         [&s](http::Call& c) {
           const auto change = decode_patient_change(http::parse_json_object(c.request.body));
           const auto id = http::id_param(c.request.params.at("patient_id"), "patient");
           return ok(to_json(s.pathway.update_patient(c.actor, id, change)));
         }});
  r.add({"GET",
         "/api/v1/patients/{patient_id}",
         "One patient with their episodes",
         readers,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto rec =
               s.pathway.patient_record(c.actor, http::id_param(c.request.params.at("patient_id"), "patient"));
           nlohmann::json j = to_json(rec.patient);
           j["episodes"] = nlohmann::json::array();
           for (const auto& e : rec.episodes) j["episodes"].push_back(to_json(e));
           // Possibly the same person at another centre: said, never merged.
           j["same_national_id_at"] = rec.same_national_id_at;
           return ok(j);
         }});
}

}  // namespace rp::api
