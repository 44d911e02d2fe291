#pragma once
// The store's records as FHIR R4 resources, for the hospital systems regenpath sits among
// (the bulk export `regenpath fhir export`, the read-only /fhir/r4 endpoint). One patient's
// records map to:
//   Patient; per episode a Condition (the diagnosis, ICD-10 or ICD-10-CM as recorded, with
//   SNOMED CT 239872002 for a hip), a CarePlan instantiating the protocol, an Appointment
//   per visit and imaging item, a Procedure per harvest and injection done, a
//   QuestionnaireResponse per answer set with an Observation per score (LOINC only where
//   two sources agree, domain/instruments/registry.cpp), an AdverseEvent per adverse
//   event, a BiologicallyDerivedProduct per cell product; and a Consent per consent the
//   patient's record holds (treatment, registry, contact).
// Ids are the store's (Patient/12, Condition/40 for episode 40, Procedure/40-injection),
// so that a resource names the record it came from and a second export the same one.
// Codes of regenpath's own are under urn:regenpath: (as its Questionnaires' urls are).
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/adverse_event.hpp"
#include "domain/centre.hpp"
#include "domain/episode.hpp"
#include "domain/schedule.hpp"
#include "service/patient_records.hpp"

namespace rp::api::fhir {

// Identifier systems and code systems of regenpath's own.
inline constexpr std::string_view kNationalIdSystem = "urn:regenpath:sid:ir-national-id";
inline constexpr std::string_view kScoreSystem = "urn:regenpath:score";
inline constexpr std::string_view kProtocolItemSystem = "urn:regenpath:protocol-item";
inline constexpr std::string_view kEpisodeStateUrl = "urn:regenpath:fhir:episode-state";
// The protocol's time point a QuestionnaireResponse answers (prom-6m).
inline constexpr std::string_view kProtocolItemUrl = "urn:regenpath:fhir:protocol-item";

// The record number's system: record numbers are unique within a centre only.
std::string mrn_system(const std::string& centre_id);
// A FHIR id (A-Z a-z 0-9 - ., at most 64) made of `text`: any other character becomes '-'.
std::string fhir_id(std::string_view text);

nlohmann::ordered_json organization(const Centre& centre, const std::string& source);

// The Questionnaires the answers were given to: the project's own files under
// instruments/, as they are, each handed to `out`.
void questionnaires(const std::function<void(nlohmann::ordered_json&&)>& out);

// Every resource of one patient's records, each handed to `out` as it is made, the
// Patient first; each names `source` as its meta.source (service::export_source).
void patient_resources(const service::PatientRecords& records, const std::string& source,
                       const std::function<void(nlohmann::ordered_json&&)>& out);

// The words FHIR has for the store's, shared with the de-identified registry's resources
// (api/fhir/deidentified_resources.hpp): the instant a civil day begins at the clinic
// (Tehran), an item's Appointment.status, an episode's CarePlan.status, an adverse
// event's outcome, and a score's LOINC code where one is verified ("" where none).
std::string day_start(const CivilDate& day);
// The joint a diagnosis names, as the resources' texts say it: "knee" for M17, else "hip".
std::string_view joint_word(std::string_view diagnosis_code);
std::string_view appointment_status(ItemStatus s);
std::string_view care_plan_status(EpisodeState s);
std::string_view event_outcome(EventOutcome o);
std::string_view loinc_of(const std::string& instrument, const std::string& score);

// The code system of a radiograph's grades (the Observation's code "grades", its
// components' codes), and the DICOM UID system a study is named in.
inline constexpr std::string_view kRadiographSystem = "urn:regenpath:radiograph";
inline constexpr std::string_view kDicomUidSystem = "urn:dicom:uid";

// What an Observation of a study's radiographic grades says.
struct RadiographGrades {
  std::string study_date;  // YYYY-MM-DD
  std::optional<int> kl_grade, tonnis_grade;
  std::optional<double> joint_space_mm;
  bool baseline = false;  // the study the episode's grades come from
};
// The Observation (category imaging) of a study's grades: its components Kellgren-Lawrence,
// Tönnis and the minimal joint-space width in mm, for the patient's episode's CarePlan.
nlohmann::ordered_json radiograph_observation(const std::string& id, const std::string& patient,
                                              const std::string& care_plan, const std::string& joint,
                                              const RadiographGrades& g);

// The resource types patient_resources makes, and Organization and Questionnaire: the
// files of a bulk export, in the order a reader should take them in.
const std::vector<std::string>& exported_types();

}  // namespace rp::api::fhir
