#pragma once
// JSON request bodies → typed commands. Strict: unknown fields, wrong types and bad
// values throw InputError naming the field, before any service call. The fuzzer
// (fuzz/fuzz_json_body.cpp) drives every decoder here.
#include <nlohmann/json.hpp>

#include "domain/centre.hpp"
#include "domain/episode.hpp"
#include "domain/patient.hpp"
#include "service/pathway.hpp"
#include "service/submissions.hpp"

namespace rp::api {

Patient decode_patient(const nlohmann::json& body);
// A correction: any of the registration's fields but the centre, and the reason.
service::PatientChange decode_patient_change(const nlohmann::json& body);
Episode decode_episode(const nlohmann::json& body, std::int64_t patient_id);
service::TransitionRequest decode_transition(const nlohmann::json& body);
service::Pathway::Details decode_details(const nlohmann::json& body);
struct PlanRequest {
  std::optional<CivilDate> harvest, injection;
  std::string reason;  // required when a date is before today
};
PlanRequest decode_plan(const nlohmann::json& body);
struct MarkRequest {
  ItemStatus status = ItemStatus::done;
  std::optional<CivilDate> on;
};
MarkRequest decode_mark(const nlohmann::json& body);
service::QuestionnaireSubmission decode_questionnaire(const nlohmann::json& body);
// Staff record an event with as much of its assessment as is known.
service::AdverseEventInput decode_event(const nlohmann::json& body);
// A patient reports a red flag: what and how bad, never a grade.
service::RedFlagReport decode_red_flag(const nlohmann::json& body);
service::AssessmentChange decode_assessment_change(const nlohmann::json& body);
service::RedFlagTriage decode_triage(const nlohmann::json& body);
// {action: called|asked_to_come_in|referred_to_emergency, note?}
service::RedFlagAcknowledgement decode_acknowledgement(const nlohmann::json& body);
Centre decode_centre(const nlohmann::json& body, const std::string& id);

}  // namespace rp::api
