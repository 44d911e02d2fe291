#include "api/decode.hpp"

#include "api/answers_json.hpp"
#include "api/contract/episodes.hpp"
#include "api/contract/events.hpp"
#include "api/contract/questionnaires.hpp"
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
  BodyReader r(body, {"harvest", "harvest_jalali", "injection", "injection_jalali", "reason"});
  PlanRequest p{r.opt_date("harvest"), r.opt_date("injection"), r.opt_text("reason", 500).value_or("")};
  if (!p.harvest && !p.injection) throw InputError("harvest", "plan_date_required"_err);
  return p;
}

MarkRequest decode_mark(const nlohmann::json& body) {
  BodyReader r(body, {"status", "on", "on_jalali"});
  return {parse_item_status(r.text("status", 16)), r.opt_date("on")};
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
  BodyReader r(body, {"category", "severity", "description", "onset", "onset_jalali"});
  return {r.text("category", 64),
          r.text("severity", 16),
          r.opt_text("description", 4000).value_or(""),
          r.opt_date("onset"),
          {}};
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
  BodyReader r(body, {"name_en", "name_fa", "city_en", "city_fa", "licence_status", "licence_number", "phone"});
  Centre c;
  c.id = id;
  c.name_en = r.text("name_en");
  c.name_fa = r.text("name_fa");
  c.city_en = r.opt_text("city_en").value_or("");
  c.city_fa = r.opt_text("city_fa").value_or("");
  // Names patients and staff read: a letter at least, nothing invisible or reordering.
  for (const auto& [field, text] : {std::pair{"name_en", &c.name_en}, std::pair{"name_fa", &c.name_fa},
                                    std::pair{"city_en", &c.city_en}, std::pair{"city_fa", &c.city_fa}})
    if (!text->empty()) check_name(*text, field);
  c.licence_status = r.opt_text("licence_status", 16).value_or("unknown");
  if (c.licence_status != "licensed" && c.licence_status != "pending" && c.licence_status != "suspended" &&
      c.licence_status != "unknown")
    throw InputError("licence_status", "unknown_licence_status"_err);
  c.licence_number = r.opt_text("licence_number", 64).value_or("");
  c.phone = r.opt_text("phone", 32).value_or("");
  return c;
}

}  // namespace rp::api
