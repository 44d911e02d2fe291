// Patients: search, register, read one record (every read is audited by the service).
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_pathway.hpp"
#include "api/routes.hpp"
#include "base/digits.hpp"

namespace rp::api {
namespace {

// A patient as this role is shown them: the national id and mobile only where the
// service's table allows (service::identifiers_shown); the keys are left out, not
// blanked, so "not shown" never reads as "not recorded".
nlohmann::json patient_json(const Patient& p, const service::Actor& actor, service::PatientView view) {
  nlohmann::json j = to_json(p);
  const auto shown = service::identifiers_shown(actor, view);
  if (!shown.national_id) j.erase("national_id");
  if (!shown.mobile) j.erase("mobile");
  return j;
}

}  // namespace

void add_patient_routes(http::Router& r, Services& s) {
  const std::vector<std::string> readers{"admin", "surgeon", "coordinator", "lab", "physiotherapist"};
  r.add({"GET",
         "/api/v1/patients",
         "Searches the centre's patients, each with its episodes (id, side, state) (audited: results show identifying "
         "data). national_id and mobile are given to admin, coordinator and surgeon only",
         readers,
         {{"q",
           "name, record number, national id or mobile, any digits (national id and mobile only for the roles "
           "shown them: admin, coordinator, surgeon)"},
          {"state", "only patients with an episode in this state"},
          {"limit", "at most this many (a whole number 1-1000, default 200; anything else is refused)", false,
           "integer"}},
         "",
         false,
         false,
         [&s](http::Call& c) {
           store::PatientQuery q;
           const auto& query = c.request.query;
           // Record numbers, national ids and mobiles are stored in ASCII digits.
           if (auto it = query.find("q"); it != query.end()) {
             if (it->second.size() > 200) throw InputError("q", "must be at most 200 bytes");
             q.text = ascii_digits(it->second, "q");
           }
           if (auto it = query.find("state"); it != query.end() && !it->second.empty())
             q.episode_state = parse_episode_state(it->second, "state");
           if (auto it = query.find("limit"); it != query.end())
             q.limit = static_cast<int>(http::bounded_integer(it->second, "limit", 1, 1000));
           const auto shown = service::identifiers_shown(c.actor, service::PatientView::search_results);
           q.by_identifiers = shown.national_id && shown.mobile;
           nlohmann::json out = nlohmann::json::array();
           for (const auto& r : s.pathway.find_patients(c.actor, q)) {
             nlohmann::json j = patient_json(r.patient, c.actor, service::PatientView::search_results);
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
         "{mrn, name_fa, name_latin, sex, birth_date | birth_date_jalali, mobile, national_id, consent: {treatment, "
         "registry, contact}}. birth_date is Gregorian (1961-03-21), birth_date_jalali Jalali (1340/01/01); any "
         "digits. Names need a letter and refuse invisible and direction-control characters",
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
         "{mrn?, name_fa?, name_latin?, sex?, birth_date? | birth_date_jalali?, mobile?, national_id?, consent?: "
         "{treatment?, registry?, contact?}, reason}. birth_date is Gregorian, birth_date_jalali Jalali; any digits. "
         "The answer says \"changed\": false when nothing differed (nothing is written then)",
         false,
         false,
         [&s](http::Call& c) {
           const auto change = decode_patient_change(http::parse_json_object(c.request.body));
           const auto id = http::id_param(c.request.params.at("patient_id"), "patient");
           bool changed = false;
           nlohmann::json j = to_json(s.pathway.update_patient(c.actor, id, change, &changed));
           j["changed"] = changed;
           return ok(j);
         }});
  r.add({"GET",
         "/api/v1/patients/{patient_id}",
         "One patient with their episodes. national_id is given to admin, coordinator and surgeon; mobile to them "
         "and the physiotherapist (who arranges sessions); the lab is given neither",
         readers,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto rec =
               s.pathway.patient_record(c.actor, http::id_param(c.request.params.at("patient_id"), "patient"));
           nlohmann::json j = patient_json(rec.patient, c.actor, service::PatientView::record);
           j["episodes"] = nlohmann::json::array();
           for (const auto& e : rec.episodes) j["episodes"].push_back(to_json(e));
           // Possibly the same person at another centre: said, never merged.
           j["same_national_id_at"] = rec.same_national_id_at;
           return ok(j);
         }});
}

}  // namespace rp::api
