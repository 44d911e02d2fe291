#pragma once
// FHIR R4 resources read back into the records they stand for (service/records_import.hpp
// writes them): the resources regenpath's own export writes (api/fhir/resources.hpp) and
// the same types from another system, as far as they carry what a record needs. Pure: a
// resource in, a record out, or InputError naming the element (Patient.birthDate) and the
// rule; nothing is looked up here, references are kept as "Type/id" for the import to
// resolve.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/records_import.hpp"

namespace rp::api::fhir {

// One line of an NDJSON file: the resource, its type (the file's: InputError
// "resourceType" for another) and id, and the system that sent it (meta.source, "" when
// none). InputError("line", not_json / not_an_object) for a line that is not one.
struct ReadResource {
  std::string type, id, source;
  nlohmann::json body;
  std::string key() const { return type + "/" + id; }
};
ReadResource read_ndjson_line(std::string_view line, std::string_view file_type);

service::ImportedCentre organization_from_fhir(const nlohmann::json& r);
service::ImportedPatient patient_from_fhir(const nlohmann::json& r);
service::ImportedConsent consent_from_fhir(const nlohmann::json& r);
service::ImportedCondition condition_from_fhir(const nlohmann::json& r);
service::ImportedCarePlan care_plan_from_fhir(const nlohmann::json& r);
service::ImportedAppointment appointment_from_fhir(const nlohmann::json& r);
service::ImportedProcedure procedure_from_fhir(const nlohmann::json& r);
service::ImportedResponse response_from_fhir(const nlohmann::json& r);
service::ImportedAdverseEvent adverse_event_from_fhir(const nlohmann::json& r);
// An Observation of a study's grades; none for another Observation (a score: scores are
// recomputed from the answers).
std::optional<service::ImportedRadiograph> radiograph_from_fhir(const nlohmann::json& r);

// What a line's record points to: the patient it belongs to ("" for an Organization, and
// for an Appointment, whose patient is its CarePlan's), the resources it needs taken in
// before it (element, Type/id), and a CarePlan's appointments. The command line groups a
// patient's lines by them and checks every reference before it writes.
struct LineReferences {
  std::string patient;
  std::vector<std::pair<std::string, std::string>> needs;
  std::vector<std::string> appointments;
};

// Reads a line's record by its type and hands it to `import` (with the line's source), or
// only checks it when `import` is null; answers what the record points to. The command
// line's two passes and the tests share this one dispatch.
LineReferences take_resource(const ReadResource& r, service::RecordsImport* import);

// The types an import reads, in the order it reads them (a reference points back only);
// the other files of an export (Questionnaire, BiologicallyDerivedProduct) are left. Of the
// Observations only the radiographic grades are taken: scores are recomputed from the
// answers, as a native submission's are.
const std::vector<std::string>& imported_types();

}  // namespace rp::api::fhir
