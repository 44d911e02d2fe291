#include "api/decode.hpp"

#include "api/answers_json.hpp"
#include "api/contract/centres.hpp"
#include "api/contract/episodes.hpp"
#include "api/contract/events.hpp"
#include "api/contract/portal.hpp"
#include "api/contract/questionnaires.hpp"
#include "api/contract/schedule.hpp"
#include "api/http/json_body.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::api {

// The typed requests (api/contract/) decode themselves; these names stay for the fuzzer.
Patient decode_patient(const nlohmann::json& body) {
  return contract::to_patient(http::decode<contract::NewPatient>(body));
}

service::PatientChange decode_patient_change(const nlohmann::json& body) {
  return contract::to_change(http::decode<contract::PatientCorrection>(body));
}

Episode decode_episode(const nlohmann::json& body, std::int64_t patient_id) {
  return contract::to_episode(http::decode<contract::NewEpisode>(body), patient_id);
}

service::TransitionRequest decode_transition(const nlohmann::json& body) {
  return contract::to_transition(http::decode<contract::TransitionIn>(body));
}

service::Pathway::Details decode_details(const nlohmann::json& body) {
  return contract::to_details(http::decode<contract::DetailsChange>(body));
}

PlanRequest decode_plan(const nlohmann::json& body) {
  const auto in = http::decode<contract::PlanRequestIn>(body);
  return {in.harvest, in.injection, in.reason.value_or("")};
}

MarkRequest decode_mark(const nlohmann::json& body) {
  const auto in = http::decode<contract::ScheduleMark>(body);
  return {in.status, in.on};
}

service::QuestionnaireSubmission decode_questionnaire(const nlohmann::json& body) {
  auto in = http::decode<contract::NewQuestionnaire>(body);
  service::QuestionnaireSubmission s;
  s.instrument = std::move(in.instrument);
  s.item_id = in.item_id.value_or("");
  s.answers = sent_answers(in.answers);
  return s;
}

service::AdverseEventInput decode_event(const nlohmann::json& body) {
  return contract::to_event(http::decode<contract::NewAdverseEvent>(body));
}

service::RedFlagReport decode_red_flag(const nlohmann::json& body) {
  return contract::to_red_flag(http::decode<contract::RedFlagReportIn>(body));
}

service::AssessmentChange decode_assessment_change(const nlohmann::json& body) {
  return contract::to_change(http::decode<contract::AssessmentChangeIn>(body));
}

service::RedFlagTriage decode_triage(const nlohmann::json& body) {
  return contract::to_triage(http::decode<contract::TriageIn>(body));
}

service::RedFlagAcknowledgement decode_acknowledgement(const nlohmann::json& body) {
  const auto in = http::decode<contract::Acknowledgement>(body);
  // A missing action is the service's to explain (it names the choices).
  return {in.action.value_or(""), in.note.value_or("")};
}

Centre decode_centre(const nlohmann::json& body, const std::string& id) {
  return contract::to_centre(http::decode<contract::CentreIn>(body), id);
}

}  // namespace rp::api
