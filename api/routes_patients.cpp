// Patients: search, register, read one record (every read is audited by the service).
#include "api/contract/patients.hpp"
#include "api/contract/queries.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

// A patient as this role is shown them: the national id and mobile only where the
// service's table allows (service::identifiers_shown); the keys are left out, not
// blanked, so "not shown" never reads as "not recorded".
template <class Out = contract::PatientOut>
Out patient_shown(const Patient& p, const service::Actor& actor, service::PatientView view) {
  Out out{contract::patient_out(p)};
  const auto shown = service::identifiers_shown(actor, view);
  if (!shown.national_id) out.national_id.reset();
  // The e-mail address is contact data like the mobile: shown to the same roles.
  if (!shown.mobile) {
    out.mobile.reset();
    out.email.reset();
  }
  return out;
}

}  // namespace

void add_patient_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/patients",
         "Searches the centre's patients, each with its episodes (id, side, state) (audited: results show identifying "
         "data). national_id and mobile are given to admin, coordinator and surgeon only",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         http::querying<contract::PatientSearch>(
             [&s](http::Call& c, const contract::PatientSearch& search) -> std::vector<contract::PatientFound> {
               store::PatientQuery q;
               // Record numbers, national ids and mobiles are stored in ASCII digits (q is read so).
               if (search.q) q.text = *search.q;
               q.episode_state = search.state;
               if (search.limit) q.limit = static_cast<int>(*search.limit);
               if (search.after) q.after = *search.after;
               const auto shown = service::identifiers_shown(c.actor, service::PatientView::search_results);
               q.by_identifiers = shown.national_id && shown.mobile;
               std::vector<contract::PatientFound> out;
               for (const auto& r : s.pathway.find_patients(c.actor, q)) {
                 auto& found = out.emplace_back(
                     patient_shown<contract::PatientFound>(r.patient, c.actor, service::PatientView::search_results));
                 for (const auto& e : r.episodes) found.episodes.push_back({e.id, e.side, e.state});
               }
               return out;
             })});
  r.add(
      {"POST",
       "/api/v1/patients",
       "Registers a patient at the signed-in user's centre",
       service::Permission::patient_create,
       {},
       "{mrn, name_fa, name_latin, sex, birth_date | birth_date_jalali, mobile, national_id, email, preferred_channel, "
       "language, consent: {treatment, registry, contact}}. birth_date is Gregorian (1961-03-21), birth_date_jalali "
       "Jalali (1340/01/01); any "
       "digits. Names need a letter and refuse invisible and direction-control characters",
       true,
       false,
       [&s](http::Call& c, const contract::NewPatient& in) {
         return http::Created<contract::PatientOut>{
             contract::patient_out(s.pathway.add_patient(c.actor, contract::to_patient(in)))};
       }});
  r.add({"PATCH",
         "/api/v1/patients/{patient_id}",
         "Corrects a patient's details (only the fields sent; the centre never changes). The audit row keeps each "
         "changed field's old and new value and the reason",
         service::Permission::patient_update,
         {},
         "{mrn?, name_fa?, name_latin?, sex?, birth_date? | birth_date_jalali?, mobile?, national_id?, email?, "
         "preferred_channel?, language?, consent?: {treatment?, registry?, contact?}, reason}. birth_date is "
         "Gregorian, birth_date_jalali Jalali; any digits. "
         "The answer says \"changed\": false when nothing differed (nothing is written then)",
         false,
         false,
         [&s](http::Call& c, const contract::PatientCorrection& in) {
           const auto id = http::id_param(c.request.params.at("patient_id"), "patient");
           contract::PatientUpdated out;
           static_cast<contract::PatientOut&>(out) =
               contract::patient_out(s.pathway.update_patient(c.actor, id, contract::to_change(in), &out.changed));
           return out;
         }});
  r.add({"GET",
         "/api/v1/patients/{patient_id}",
         "One patient with their episodes. national_id is given to admin, coordinator and surgeon; mobile to them "
         "and the physiotherapist (who arranges sessions); the lab is given neither",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto rec =
               s.pathway.patient_record(c.actor, http::id_param(c.request.params.at("patient_id"), "patient"));
           auto out = patient_shown<contract::PatientRecordOut>(rec.patient, c.actor, service::PatientView::record);
           for (const auto& e : rec.episodes) out.episodes.push_back(contract::episode_out(e));
           // Possibly the same person at another centre: said, never merged.
           out.same_national_id_at = rec.same_national_id_at;
           return out;
         }});
}

}  // namespace rp::api
