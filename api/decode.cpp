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

using http::BodyReader;

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

namespace {

std::vector<SeriousReason> serious_reasons(const std::vector<std::string>& names) {
  std::vector<SeriousReason> out;
  out.reserve(names.size());
  for (const auto& n : names) out.push_back(parse_serious_reason(n));
  return out;
}

// The assessment fields an event's report, triage and grading share.
EventAssessment read_assessment(const BodyReader& r) {
  EventAssessment a;
  if (auto g = r.opt_int("ctcae_grade")) a.ctcae_grade = static_cast<int>(std::clamp<std::int64_t>(*g, -1, 99));
  if (auto s = r.opt_text_list("serious_reasons", 6)) a.serious = serious_reasons(*s);
  if (auto v = r.opt_text("relatedness", 16)) a.relatedness = parse_relatedness(*v);
  if (auto v = r.opt_text("outcome", 16)) a.outcome = parse_event_outcome(*v);
  return a;
}

}  // namespace

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
  BodyReader r(body, {"decision", "reason", "category", "severity", "description", "onset", "onset_jalali",
                      "ctcae_grade", "serious_reasons", "relatedness", "outcome"});
  service::RedFlagTriage t;
  const std::string decision = r.text("decision", 32);
  if (decision != "adverse_event" && decision != "not_adverse_event")
    throw InputError("decision", "unknown_triage_decision"_err);
  t.adverse_event = decision == "adverse_event";
  t.reason = r.opt_text("reason", 4000).value_or("");
  const std::optional<std::string> category = r.opt_text("category", 64);
  if (!t.adverse_event) {
    // Nothing of an adverse event may come with a dismissal: it would be silently dropped.
    for (const char* f : {"category", "severity", "description", "onset", "onset_jalali", "ctcae_grade",
                          "serious_reasons", "relatedness", "outcome"})
      if (body.contains(f) && !body[f].is_null()) throw InputError(f, "only_for_adverse_event"_err);
    return t;
  }
  if (!category || category->empty()) throw InputError("category", "adverse_category_required"_err);
  t.event = {*category, r.opt_text("severity", 16).value_or(""), r.opt_text("description", 4000).value_or(""),
             r.opt_date("onset"), read_assessment(r)};
  return t;
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
