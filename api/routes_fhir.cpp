// The read-only FHIR R4 endpoint (issue 20): a patient's records as FHIR resources
// (api/fhir/resources.hpp), behind the same sign-in, roles and centre walls as the rest of
// the API, each read audited. The server's CapabilityStatement says what it offers.
#include <set>

#include "api/fhir/resources.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/records_export.hpp"

namespace rp::api {
namespace {

using nlohmann::ordered_json;

constexpr const char* kFhirMedia = "application/fhir+json";

// The resource types a patient's records are read as, searchable by patient.
const std::vector<std::string>& searchable_types() {
  static const std::vector<std::string> types{"Consent",     "Condition",    "CarePlan",
                                              "Appointment", "Procedure",    "QuestionnaireResponse",
                                              "Observation", "AdverseEvent", "BiologicallyDerivedProduct",
                                              "Provenance"};
  return types;
}

// The searchable types as a refusal names them: "Consent, Condition, ...".
std::string types_listed() {
  std::string out;
  for (const auto& t : searchable_types()) out += (out.empty() ? "" : ", ") + t;
  return out;
}

http::Response fhir_answer(const ordered_json& body) {
  http::Response res;
  res.body = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  res.content_type = kFhirMedia;
  return res;
}

// The patient's resources, read as the service allows (audited), each as the export makes it.
std::vector<ordered_json> resources_of(Services& s, const http::Call& c, std::int64_t patient_id) {
  const service::PatientRecords records = service::read_patient_records(s.store, s.clock, c.actor, patient_id);
  std::vector<ordered_json> out;
  fhir::patient_resources(records, "", [&](ordered_json&& r) {
    r.erase("meta");  // a read names this server as the source by its address
    out.push_back(std::move(r));
  });
  return out;
}

ordered_json searchset(std::vector<ordered_json> resources, const std::string& self) {
  ordered_json entries = ordered_json::array();
  for (auto& r : resources) {
    const std::string full = "/fhir/r4/" + r["resourceType"].get<std::string>() + "/" + r["id"].get<std::string>();
    entries.push_back({{"fullUrl", full}, {"resource", std::move(r)}, {"search", {{"mode", "match"}}}});
  }
  return {{"resourceType", "Bundle"},
          {"type", "searchset"},
          {"total", entries.size()},
          {"link", ordered_json::array({{{"relation", "self"}, {"url", self}}})},
          {"entry", std::move(entries)}};
}

// A patient's id as a path or query gives it: a whole number, else no such patient.
std::int64_t patient_id_of(const std::string& text) {
  std::int64_t id = 0;
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos ||
      (id = std::stoll(text)) <= 0)
    throw NotFoundError("patient", "patient_not_found"_err, {{"id", text}});
  return id;
}

ordered_json capability_statement(const std::string& when) {
  ordered_json resources = ordered_json::array();
  resources.push_back(
      {{"type", "Patient"},
       {"interaction", ordered_json::array({{{"code", "read"}}})},
       {"operation",
        ordered_json::array({{{"name", "everything"},
                              {"definition", "http://hl7.org/fhir/OperationDefinition/Patient-everything"}}})}});
  for (const auto& type : searchable_types())
    resources.push_back({{"type", type},
                         {"interaction", ordered_json::array({{{"code", "search-type"}}})},
                         {"searchParam", ordered_json::array({{{"name", "patient"}, {"type", "reference"}}})}});
  // The registry's de-identified Bulk Data export: Group/registry/$export.
  resources.push_back(
      {{"type", "Group"},
       {"operation",
        ordered_json::array({{{"name", "export"},
                              {"definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"}}})}});
  return {
      {"resourceType", "CapabilityStatement"},
      {"status", "active"},
      {"date", when},
      {"kind", "instance"},
      {"software", {{"name", "regenpath"}}},
      {"implementation", {{"description", "regenpath: the clinic's records of autologous cell injection"}}},
      {"fhirVersion", "4.0.1"},
      {"format", ordered_json::array({"json"})},
      {"rest",
       ordered_json::array(
           {{{"mode", "server"},
             {"documentation",
              "Read-only. Signed-in staff of a centre read its patients' records; every "
              "read is audited."},
             {"resource", std::move(resources)},
             // A centre's identified records in bulk (its admin).
             {"operation", ordered_json::array(
                               {{{"name", "export"},
                                 {"definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"}}})}}})}};
}

}  // namespace

void add_fhir_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/fhir/r4/metadata",
         "The FHIR R4 CapabilityStatement: what the read-only FHIR endpoint offers. No sign-in",
         http::kPublic,
         {},
         "",
         false,
         false,
         http::answering_text(kFhirMedia,
                              [&s](http::Call&) { return fhir_answer(capability_statement(s.clock.today().iso())); })});
  r.add({"GET",
         "/fhir/r4/Patient/{patient_id}",
         "A patient of the centre as a FHIR R4 Patient (audited; national id and mobile for the roles shown them)",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         http::answering_text(kFhirMedia, [&s](http::Call& c) {
           auto resources = resources_of(s, c, patient_id_of(c.request.params.at("patient_id")));
           return fhir_answer(resources.front());
         })});
  r.add({"GET",
         "/fhir/r4/Patient/{patient_id}/$everything",
         "Every record of a patient of the centre as a FHIR R4 searchset Bundle: the Patient, consents, conditions, "
         "care plans, appointments, procedures, answers, scores, adverse events, cell products (audited)",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         http::answering_text(kFhirMedia, [&s](http::Call& c) {
           const std::string id = c.request.params.at("patient_id");
           return fhir_answer(
               searchset(resources_of(s, c, patient_id_of(id)), "/fhir/r4/Patient/" + id + "/$everything"));
         })});
  r.add({"GET",
         "/fhir/r4/{resource_type}",
         "A patient's resources of one type as a FHIR R4 searchset Bundle: ?patient=ID (Patient/ID too) is required "
         "(audited)",
         service::Permission::patient_read,
         {{"patient", "the patient whose resources are asked for: ID or Patient/ID", true}},
         "",
         false,
         false,
         http::answering_text(kFhirMedia, [&s](http::Call& c) {
           const std::string type = c.request.params.at("resource_type");
           const auto& types = searchable_types();
           if (std::find(types.begin(), types.end(), type) == types.end())
             throw NotFoundError("resource_type", "not_one_of"_err, {{"value", type}, {"allowed", types_listed()}});
           const auto asked = c.request.query.find("patient");
           if (asked == c.request.query.end() || asked->second.empty()) throw InputError("patient", "required"_err);
           std::string id = asked->second;
           if (id.rfind("Patient/", 0) == 0) id = id.substr(8);
           std::vector<ordered_json> matching;
           for (auto& res : resources_of(s, c, patient_id_of(id)))
             if (res["resourceType"] == type) matching.push_back(std::move(res));
           return fhir_answer(searchset(std::move(matching), "/fhir/r4/" + type + "?patient=" + id));
         })});
}

}  // namespace rp::api
