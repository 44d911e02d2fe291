#include "api/decode.hpp"

#include "api/answers_json.hpp"
#include "api/http/json_body.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::api {

using http::BodyReader;

Patient decode_patient(const nlohmann::json& body) {
  BodyReader r(body, {"centre", "mrn", "name_fa", "name_latin", "sex", "birth_date", "birth_date_jalali", "mobile",
                      "national_id", "consent"});
  Patient p;
  p.centre_id = r.opt_text("centre", 64).value_or("");
  p.mrn = r.text("mrn", 64);
  // A name in either script: one of the two is enough (domain/patient.cpp says so when
  // neither is given), so each alone may be missing or empty here.
  p.name_fa = r.opt_text("name_fa", 200).value_or("");
  p.name_latin = r.opt_text("name_latin", 200).value_or("");
  p.sex = parse_sex(r.text("sex", 16));
  const auto birth = r.opt_date("birth_date");
  if (!birth) throw InputError("birth_date", "is required (or birth_date_jalali)");
  p.birth_date = *birth;
  p.mobile = r.text("mobile", 32);
  p.national_id = r.text("national_id", 32);
  if (const auto* c = r.opt_object("consent")) {
    BodyReader cr(*c, {"treatment", "registry", "contact"});
    p.consent.treatment = cr.opt_bool("treatment").value_or(false);
    p.consent.registry = cr.opt_bool("registry").value_or(false);
    p.consent.contact = cr.opt_bool("contact").value_or(false);
  }
  return p;
}

service::PatientChange decode_patient_change(const nlohmann::json& body) {
  BodyReader r(body, {"mrn", "name_fa", "name_latin", "sex", "birth_date", "birth_date_jalali", "mobile", "national_id",
                      "consent", "reason"});
  service::PatientChange c;
  c.mrn = r.opt_text("mrn", 64);
  c.name_fa = r.opt_text("name_fa", 200);
  c.name_latin = r.opt_text("name_latin", 200);
  if (const auto sex = r.opt_text("sex", 16)) c.sex = parse_sex(*sex);
  c.birth_date = r.opt_date("birth_date");
  c.mobile = r.opt_text("mobile", 32);
  c.national_id = r.opt_text("national_id", 32);
  if (const auto* consent = r.opt_object("consent")) {
    BodyReader cr(*consent, {"treatment", "registry", "contact"});
    c.consent_treatment = cr.opt_bool("treatment");
    c.consent_registry = cr.opt_bool("registry");
    c.consent_contact = cr.opt_bool("contact");
  }
  c.reason = r.opt_text("reason", 500).value_or("");
  return c;
}

Episode decode_episode(const nlohmann::json& body, std::int64_t patient_id) {
  BodyReader r(body, {"protocol", "side", "diagnosis", "kl_grade", "tonnis_grade", "bilateral_with", "repeat_of"});
  Episode e;
  e.patient_id = patient_id;
  e.protocol_id = r.text("protocol", 64);
  e.side = parse_side(r.text("side", 8));
  const auto* d = r.opt_object("diagnosis");
  if (!d) throw InputError("diagnosis", "is required: {\"system\", \"code\"}");
  BodyReader dr(*d, {"system", "code"});
  e.diagnosis = {dr.opt_text("system", 100).value_or(std::string(kIcd10Cm)), dr.text("code", 16)};
  if (auto k = r.opt_int("kl_grade")) e.kl_grade = static_cast<int>(std::clamp<std::int64_t>(*k, -1, 99));
  if (auto t = r.opt_int("tonnis_grade")) e.tonnis_grade = static_cast<int>(std::clamp<std::int64_t>(*t, -1, 99));
  e.bilateral_with = r.opt_int("bilateral_with");
  e.repeat_of = r.opt_int("repeat_of");
  return e;
}

service::TransitionRequest decode_transition(const nlohmann::json& body) {
  BodyReader r(body, {"to", "reason", "on", "on_jalali"});
  service::TransitionRequest t;
  t.to = parse_episode_state(r.text("to", 32), "to");
  t.reason = r.opt_text("reason", 1000).value_or("");
  t.on = r.opt_date("on");
  return t;
}

service::Pathway::Details decode_details(const nlohmann::json& body) {
  BodyReader r(body, {"kl_grade", "tonnis_grade", "cell_source", "guidance", "reason"});
  service::Pathway::Details d;
  d.reason = r.opt_text("reason", 500).value_or("");
  if (auto k = r.opt_int("kl_grade")) d.kl_grade = static_cast<int>(std::clamp<std::int64_t>(*k, -1, 99));
  if (auto t = r.opt_int("tonnis_grade")) d.tonnis_grade = static_cast<int>(std::clamp<std::int64_t>(*t, -1, 99));
  if (auto c = r.opt_text("cell_source", 32)) d.cell_source = parse_cell_source(*c);
  if (auto g = r.opt_text("guidance", 32)) d.guidance = parse_guidance(*g);
  return d;
}

PlanRequest decode_plan(const nlohmann::json& body) {
  BodyReader r(body, {"harvest", "harvest_jalali", "injection", "injection_jalali", "reason"});
  PlanRequest p{r.opt_date("harvest"), r.opt_date("injection"), r.opt_text("reason", 500).value_or("")};
  if (!p.harvest && !p.injection) throw InputError("harvest", "give a harvest or an injection date");
  return p;
}

MarkRequest decode_mark(const nlohmann::json& body) {
  BodyReader r(body, {"status", "on", "on_jalali"});
  return {parse_item_status(r.text("status", 16)), r.opt_date("on")};
}

service::QuestionnaireSubmission decode_questionnaire(const nlohmann::json& body) {
  BodyReader r(body, {"instrument", "item_id", "answers"});
  service::QuestionnaireSubmission s;
  s.instrument = r.text("instrument", 32);
  s.item_id = r.opt_text("item_id", 64).value_or("");
  const auto* a = r.opt_object("answers");
  if (!a) throw InputError("answers", "is required: an object of item id to answer");
  s.answers = sent_answers(*a);
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
  BodyReader r(body, {"category", "severity", "description", "onset", "onset_jalali", "ctcae_grade", "serious_reasons",
                      "relatedness", "outcome"});
  return {r.text("category", 64), r.text("severity", 16), r.opt_text("description", 4000).value_or(""),
          r.opt_date("onset"), read_assessment(r)};
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
  BodyReader r(body, {"ctcae_grade", "serious_reasons", "relatedness", "outcome", "reason"});
  service::AssessmentChange c;
  if (auto g = r.opt_int("ctcae_grade")) c.ctcae_grade = static_cast<int>(std::clamp<std::int64_t>(*g, -1, 99));
  if (auto s = r.opt_text_list("serious_reasons", 6)) c.serious_reasons = serious_reasons(*s);
  if (auto v = r.opt_text("relatedness", 16)) c.relatedness = parse_relatedness(*v);
  if (auto v = r.opt_text("outcome", 16)) c.outcome = parse_event_outcome(*v);
  c.reason = r.opt_text("reason", 4000).value_or("");
  return c;
}

service::RedFlagTriage decode_triage(const nlohmann::json& body) {
  BodyReader r(body, {"decision", "reason", "category", "severity", "description", "onset", "onset_jalali",
                      "ctcae_grade", "serious_reasons", "relatedness", "outcome"});
  service::RedFlagTriage t;
  const std::string decision = r.text("decision", 32);
  if (decision != "adverse_event" && decision != "not_adverse_event")
    throw InputError("decision", "must be adverse_event or not_adverse_event");
  t.adverse_event = decision == "adverse_event";
  t.reason = r.opt_text("reason", 4000).value_or("");
  const std::optional<std::string> category = r.opt_text("category", 64);
  if (!t.adverse_event) {
    // Nothing of an adverse event may come with a dismissal: it would be silently dropped.
    for (const char* f : {"category", "severity", "description", "onset", "onset_jalali", "ctcae_grade",
                          "serious_reasons", "relatedness", "outcome"})
      if (body.contains(f) && !body[f].is_null()) throw InputError(f, "only with the decision adverse_event");
    return t;
  }
  if (!category || category->empty()) throw InputError("category", "is required: the adverse event's category");
  t.event = {*category, r.opt_text("severity", 16).value_or(""), r.opt_text("description", 4000).value_or(""),
             r.opt_date("onset"), read_assessment(r)};
  return t;
}

service::RedFlagAcknowledgement decode_acknowledgement(const nlohmann::json& body) {
  BodyReader r(body, {"action", "note"});
  // A missing action is the service's to explain (it names the choices).
  return {r.opt_text("action", 32).value_or(""), r.opt_text("note", 2000).value_or("")};
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
    throw InputError("licence_status", "must be licensed, pending, suspended or unknown");
  c.licence_number = r.opt_text("licence_number", 64).value_or("");
  c.phone = r.opt_text("phone", 32).value_or("");
  return c;
}

}  // namespace rp::api
