// The store's records as FHIR R4 resources (api/fhir/resources.hpp).
#include "api/fhir/resources.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "api/answers_json.hpp"
#include "api/fhir/fhir_json.hpp"
#include "base/clock.hpp"
#include "base/zone_day.hpp"
#include "domain/adverse_event.hpp"
#include "domain/imaging/imaging.hpp"
#include "domain/instruments/registry.hpp"
#include "service/instrument_forms.hpp"
#include "service/protocols.hpp"
#include "store/response_scores.hpp"

namespace rp::api::fhir {
namespace {

using json = nlohmann::ordered_json;

// The clinic's days begin in Tehran: a visit booked for a day is that whole day there.
constexpr const char* kClinicZone = "Asia/Tehran";

std::string radiograph_id(std::int64_t grade_id) { return "radiograph-" + std::to_string(grade_id); }
json patient_ref(const Patient& p) { return ref("Patient", std::to_string(p.id)); }
std::string episode_id(const Episode& e) { return std::to_string(e.id); }

// The patient's three consents as the record holds them: given (permit) or not (deny).
void consent_resources(const Patient& p, const std::function<void(json&&)>& out) {
  struct Kind {
    const char* id;
    bool given;
    const char* scope;
    const char* text;
  };
  const Kind kinds[] = {
      {"treatment", p.consent.treatment, "treatment", "Consent to the treatment"},
      {"registry", p.consent.registry, "research", "De-identified use in the multi-centre registry"},
      {"contact", p.consent.contact, "patient-privacy", "Reminders and invitations by text message or e-mail"},
  };
  for (const Kind& k : kinds) {
    out(json{{"resourceType", "Consent"},
             {"id", std::to_string(p.id) + "-" + k.id},
             {"status", "active"},
             {"scope", concept_of("http://terminology.hl7.org/CodeSystem/consentscope", k.scope)},
             {"category", json::array({concept_of("http://loinc.org", "59284-0", "Patient Consent")})},
             {"patient", patient_ref(p)},
             {"organization", json::array({ref("Organization", fhir_id(p.centre_id))})},
             {"policyRule", json{{"coding", json::array({coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                                                k.given ? "OPTIN" : "OPTOUT")})},
                                 {"text", k.text}}},
             {"provision", {{"type", k.given ? "permit" : "deny"}}}});
  }
}

std::optional<CivilDate> day_reached(const service::EpisodeRecords& r, EpisodeState state) {
  for (const Transition& t : r.transitions)
    if (t.to == state) return t.on;
  return std::nullopt;
}

std::string joint_text(const Episode& e) {
  return std::string(to_string(e.side)) + " " + std::string(joint_word(e.diagnosis.code));
}

json condition_resource(const Patient& p, const service::EpisodeRecords& r) {
  const Episode& e = r.episode;
  json codings = json::array();
  if (!e.diagnosis.code.empty())
    codings.push_back(coding(e.diagnosis.system, e.diagnosis.code, diagnosis_display(e.diagnosis)));
  // SNOMED CT for osteoarthritis of the hip (clinical-facts §10.3); of the knee, 239873007.
  if (e.diagnosis.code.rfind("M16", 0) == 0)
    codings.push_back(coding("http://snomed.info/sct", "239872002", "Osteoarthritis of hip"));
  if (e.diagnosis.code.rfind("M17", 0) == 0)
    codings.push_back(coding("http://snomed.info/sct", "239873007", "Osteoarthritis of knee"));
  json c{{"resourceType", "Condition"},
         {"id", episode_id(e)},
         {"clinicalStatus", concept_of("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")},
         {"verificationStatus", concept_of("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                           e.diagnosis.code.empty() ? "provisional" : "confirmed")},
         {"category",
          json::array({concept_of("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")})},
         {"bodySite", json::array({text_concept(joint_text(e))})},
         {"subject", patient_ref(p)}};
  if (!codings.empty()) c["code"] = {{"coding", codings}, {"text", "Osteoarthritis of the " + joint_text(e)}};
  json stages = json::array();
  if (e.kl_grade)
    stages.push_back({{"summary", concept_of("urn:regenpath:kellgren-lawrence", std::to_string(*e.kl_grade),
                                             "Kellgren-Lawrence grade " + std::to_string(*e.kl_grade))}});
  if (e.tonnis_grade)
    stages.push_back({{"summary", concept_of("urn:regenpath:tonnis", std::to_string(*e.tonnis_grade),
                                             "Tönnis grade " + std::to_string(*e.tonnis_grade))}});
  if (!stages.empty()) c["stage"] = std::move(stages);
  return c;
}

bool appointment_kind(std::string_view kind) { return kind == "visit" || kind == "imaging"; }
std::string appointment_id(const Episode& e, const ScheduledItem& item) {
  return fhir_id(episode_id(e) + "-" + item.id);
}

std::string_view activity_status(ItemStatus s) {
  switch (s) {
    case ItemStatus::planned:
      return "scheduled";
    case ItemStatus::done:
      return "completed";
    case ItemStatus::missed:
    case ItemStatus::cancelled:
      return "cancelled";
  }
  return "unknown";
}
// What kind of request an item of the protocol is, in CarePlan's words (required binding
// care-plan-activity-kind); none where no word fits (rest).
std::string_view activity_kind(std::string_view kind) {
  if (kind == "order" || kind == "procedure" || kind == "rehab") return "ServiceRequest";
  if (kind == "questionnaire") return "Task";
  if (kind == "hold") return "MedicationRequest";
  if (kind == "advice") return "CommunicationRequest";
  return "";
}

json appointment_resource(const Patient& p, const Episode& e, const ScheduledItem& item) {
  json a{{"resourceType", "Appointment"},
         {"id", appointment_id(e, item)},
         {"status", appointment_status(item.status)},
         {"serviceCategory", json::array({concept_of(kProtocolItemSystem, item.kind)})},
         {"serviceType", json::array({concept_of(kProtocolItemSystem, item.id)})},
         {"description", item.id},
         // A day is booked, not an hour: the whole day at the clinic.
         {"start", day_start(item.start)},
         {"end", day_start(item.end.plus_days(1))},
         {"requestedPeriod", json::array({{{"start", item.window_start.iso()}, {"end", item.window_end.iso()}}})},
         {"participant", json::array({{{"actor", patient_ref(p)}, {"status", "accepted"}}})}};
  return a;
}

json care_plan_resource(const Patient& p, const service::EpisodeRecords& r) {
  const Episode& e = r.episode;
  json activities = json::array();
  for (const ScheduledItem& item : r.schedule) {
    if (appointment_kind(item.kind)) {
      activities.push_back({{"reference", ref("Appointment", appointment_id(e, item))}});
      continue;
    }
    json detail{{"code", {{"coding", json::array({coding(kProtocolItemSystem, item.id)})}, {"text", item.id}}},
                {"status", activity_status(item.status)},
                {"scheduledPeriod", {{"start", item.start.iso()}, {"end", item.end.iso()}}}};
    if (const auto kind = activity_kind(item.kind); !kind.empty()) detail["kind"] = kind;
    // A drug hold is a medicine not to be taken.
    if (item.kind == "hold") detail["doNotPerform"] = true;
    if (item.status == ItemStatus::missed) detail["statusReason"] = text_concept("missed");
    activities.push_back({{"detail", std::move(detail)}});
  }
  json c{{"resourceType", "CarePlan"},
         {"id", episode_id(e)},
         {"extension", json::array({{{"url", kEpisodeStateUrl}, {"valueCode", to_string(e.state)}}})},
         {"instantiatesCanonical", json::array({"urn:regenpath:protocol:" + e.protocol_id})},
         {"status", care_plan_status(e.state)},
         {"intent", "plan"},
         {"title", "Autologous cell injection of the " + joint_text(e)},
         {"subject", patient_ref(p)},
         {"addresses", json::array({ref("Condition", episode_id(e))})}};
  if (e.repeat_of) c["replaces"] = json::array({ref("CarePlan", std::to_string(*e.repeat_of))});
  // The day the episode began: its referral, the first step of its history.
  if (!r.transitions.empty()) c["created"] = r.transitions.front().on.iso();
  if (!r.schedule.empty()) {
    CivilDate first = r.schedule.front().start, last = r.schedule.front().end;
    for (const auto& item : r.schedule) {
      first = std::min(first, item.start);
      last = std::max(last, item.end);
    }
    c["period"] = {{"start", first.iso()}, {"end", last.iso()}};
  }
  if (!activities.empty()) c["activity"] = std::move(activities);
  return c;
}

void procedure_resources(const Patient& p, const service::EpisodeRecords& r, const std::function<void(json&&)>& out) {
  const Episode& e = r.episode;
  if (day_reached(r, EpisodeState::harvested)) {
    const bool marrow = e.cell_source != CellSource::adipose;
    json h{{"resourceType", "Procedure"},
           {"id", episode_id(e) + "-harvest"},
           {"status", "completed"},
           {"code",
            {{"coding",
              json::array({coding("urn:regenpath:procedure",
                                  e.cell_source ? "harvest-" + std::string(to_string(*e.cell_source)) : "harvest")})},
             {"text", !e.cell_source ? "Cell harvest"
                      : marrow       ? "Bone marrow aspiration from the iliac crest"
                                     : "Abdominal fat harvest"}}},
           {"subject", patient_ref(p)},
           {"basedOn", json::array({ref("CarePlan", episode_id(e))})},
           {"reasonReference", json::array({ref("Condition", episode_id(e))})}};
    if (const auto on = e.harvest_date ? e.harvest_date : day_reached(r, EpisodeState::harvested))
      h["performedDateTime"] = on->iso();
    if (e.cell_source) h["bodySite"] = json::array({text_concept(marrow ? "iliac crest" : "abdominal fat")});
    out(std::move(h));
  }
  if (day_reached(r, EpisodeState::injected)) {
    json i{{"resourceType", "Procedure"},
           {"id", episode_id(e) + "-injection"},
           {"status", "completed"},
           {"code",
            {{"coding", json::array({coding("urn:regenpath:procedure", "intra-articular-cell-injection")})},
             {"text", "Image-guided intra-articular injection of autologous cells"}}},
           {"subject", patient_ref(p)},
           {"basedOn", json::array({ref("CarePlan", episode_id(e))})},
           {"reasonReference", json::array({ref("Condition", episode_id(e))})},
           {"bodySite", json::array({text_concept(joint_text(e))})}};
    if (const auto on = e.injection_date ? e.injection_date : day_reached(r, EpisodeState::injected))
      i["performedDateTime"] = on->iso();
    if (e.injected_by) i["performer"] = json::array({{{"actor", {{"display", *e.injected_by}}}}});
    if (e.guidance) i["usedCode"] = json::array({text_concept(std::string(to_string(*e.guidance)) + " guidance")});
    json used = json::array();
    for (const auto& product : r.products)
      if (product.state == product::State::used)
        used.push_back(ref("BiologicallyDerivedProduct", std::to_string(product.id)));
    // The cell product injected: R4's usedReference takes devices and medicines only.
    if (!used.empty()) {
      json extensions = json::array();
      for (auto& u : used) extensions.push_back({{"url", "urn:regenpath:fhir:cell-product"}, {"valueReference", u}});
      i["extension"] = std::move(extensions);
    }
    out(std::move(i));
  }
  // The survival end point: the hip replaced, elsewhere as a rule, on the day recorded.
  if (const auto on = day_reached(r, EpisodeState::converted_to_thr))
    out(json{{"resourceType", "Procedure"},
             {"id", episode_id(e) + "-conversion"},
             {"status", "completed"},
             {"code",
              {{"coding", json::array({coding("urn:regenpath:procedure", "joint-replacement")})},
               {"text", "Total replacement of the " + joint_text(e)}}},
             {"subject", patient_ref(p)},
             {"basedOn", json::array({ref("CarePlan", episode_id(e))})},
             {"performedDateTime", on->iso()},
             {"bodySite", json::array({text_concept(joint_text(e))})}});
}

const instruments::InstrumentDef* instrument_of(const std::string& key) {
  for (const auto& d : instruments::all_instruments())
    if (d.key == key) return &d;
  return nullptr;
}

// One answer as QuestionnaireResponse writes it: a listed option as its coding, a
// number as an integer or decimal, a day as a date, other text as a string.
json answer_value(const instruments::FormQuestion* q, const instruments::AnswerValue& v) {
  if (const double* n = std::get_if<double>(&v)) {
    const bool whole = *n == static_cast<double>(static_cast<long long>(*n));
    // A numeric option (HOOS's 0-4) is sent as its number.
    if (whole && q && q->options)
      for (const auto& o : *q->options)
        if (const int* code = std::get_if<int>(&o.value); code && *code == static_cast<long long>(*n))
          return {{"valueCoding", coding("urn:regenpath:answer", std::to_string(*code))}};
    if (whole && (!q || q->type != "decimal")) return {{"valueInteger", static_cast<long long>(*n)}};
    return {{"valueDecimal", *n}};
  }
  const std::string& s = std::get<std::string>(v);
  if (q && q->options)
    for (const auto& o : *q->options)
      if (instruments::code_text(o.value) == s) return {{"valueCoding", coding("urn:regenpath:answer", s)}};
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') return {{"valueDate", s}};
  return {{"valueString", s}};
}

json questionnaire_response(const Patient& p, const Episode& e, const store::QuestionnaireResponseRow& row) {
  const instruments::InstrumentDef* def = instrument_of(row.instrument);
  const instruments::InstrumentForm* form =
      def && !def->questionnaire_file.empty() ? &service::instrument_form(def->questionnaire_file) : nullptr;
  std::string canonical = !row.wording_version.empty() ? row.wording_version : form ? form->version : "";
  if (canonical.empty()) canonical = "urn:regenpath:questionnaire:" + row.instrument;
  // The answers in the form's order, each under its group as the Questionnaire nests it.
  const instruments::Answers answers = answers_from_json(nlohmann::json::parse(row.answers_json));
  json items = json::array();
  std::map<std::string, std::size_t> group_at;
  const auto add = [&](const std::string& link_id, const std::optional<std::string>& group, json&& answer) {
    json item{{"linkId", link_id}, {"answer", json::array({std::move(answer)})}};
    if (!group) {
      items.push_back(std::move(item));
      return;
    }
    auto [at, fresh] = group_at.try_emplace(*group, items.size());
    if (fresh) items.push_back({{"linkId", *group}, {"item", json::array()}});
    items[at->second]["item"].push_back(std::move(item));
  };
  if (form) {
    for (const auto& q : form->questions)
      if (const auto* v = answers.find(q.id)) add(q.id, q.group, answer_value(&q, *v));
  } else {
    for (const auto& [id, v] : answers) add(id, std::nullopt, answer_value(nullptr, v));
  }
  json r{{"resourceType", "QuestionnaireResponse"},
         {"id", std::to_string(row.id)},
         {"extension", json::array({{{"url", kProtocolItemUrl}, {"valueCode", row.item_id}}})},
         {"questionnaire", canonical},
         {"status", "completed"},
         {"subject", patient_ref(p)},
         {"basedOn", json::array({ref("CarePlan", episode_id(e))})},
         {"authored", row.submitted_at}};
  // Who answered: the patient (at home or from a link) or a member of staff.
  if (row.source == "patient" || row.source == "link")
    r["source"] = patient_ref(p);
  else if (!row.submitted_by.empty())
    r["author"] = {{"display", row.submitted_by}};
  if (!items.empty()) r["item"] = std::move(items);
  return r;
}

void score_observations(const Patient& p, const Episode& e, const store::QuestionnaireResponseRow& row,
                        const std::function<void(json&&)>& out) {
  const instruments::InstrumentDef* def = instrument_of(row.instrument);
  for (const auto& s : store::typed_scores_of_json(row.scores_json)) {
    // A score the missing-item rules withheld has no value: the answers are in the
    // QuestionnaireResponse, and no Observation claims a score.
    if (!s.value && !s.text) continue;
    json codings = json::array();
    if (const auto loinc = loinc_of(row.instrument, s.name); !loinc.empty())
      codings.push_back(coding("http://loinc.org", loinc));
    codings.push_back(coding(kScoreSystem, row.instrument + "/" + s.name));
    json o{
        {"resourceType", "Observation"},
        {"id", fhir_id(std::to_string(row.id) + "-" + s.name)},
        {"status", "final"},
        {"category",
         json::array({concept_of("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")})},
        {"code",
         {{"coding", std::move(codings)}, {"text", (def ? std::string(def->title) : row.instrument) + ": " + s.name}}},
        {"subject", patient_ref(p)},
        {"basedOn", json::array({ref("CarePlan", episode_id(e))})},
        {"effectiveDateTime", row.submitted_at},
        {"derivedFrom", json::array({ref("QuestionnaireResponse", std::to_string(row.id))})}};
    if (s.value)
      o["valueQuantity"] = {{"value", *s.value}, {"system", "http://unitsofmeasure.org"}, {"code", "{score}"}};
    else if (s.text->size() == 10 && (*s.text)[4] == '-')
      o["valueDateTime"] = *s.text;
    else
      o["valueString"] = *s.text;
    out(std::move(o));
  }
}

json adverse_event_resource(const Patient& p, const Episode& e, const store::AdverseEventRow& a) {
  const EventAssessment& as = a.assessment;
  json r{{"resourceType", "AdverseEvent"},
         {"id", std::to_string(a.id)},
         {"actuality", "actual"},
         {"event",
          {{"coding", json::array({coding("urn:regenpath:adverse-event-category", a.category)})},
           {"text", a.description.empty() ? a.category : a.description}}},
         {"subject", patient_ref(p)},
         {"recordedDate", a.reported_at}};
  if (!a.onset_date.empty()) r["date"] = a.onset_date;
  // Serious by the regulatory definition once a clinician assessed it; not yet assessed,
  // no claim either way.
  if (!a.assessed_at.empty())
    r["seriousness"] = concept_of("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness",
                                  a.serious ? "serious" : "non-serious");
  if (a.severity == "mild" || a.severity == "moderate" || a.severity == "severe")
    r["severity"] = concept_of("http://terminology.hl7.org/CodeSystem/adverse-event-severity", a.severity);
  if (as.outcome)
    r["outcome"] =
        concept_of("http://terminology.hl7.org/CodeSystem/adverse-event-outcome", event_outcome(*as.outcome));
  // The grade and the seriousness criteria met, which R4's AdverseEvent has no element for.
  json extensions = json::array();
  if (as.ctcae_grade)
    extensions.push_back({{"url", "urn:regenpath:fhir:ctcae-grade"}, {"valueInteger", *as.ctcae_grade}});
  // The patient's own word for it (serious among them), which R4's three severities lack.
  if (!a.severity.empty())
    extensions.push_back({{"url", "urn:regenpath:fhir:reported-severity"}, {"valueCode", a.severity}});
  for (const auto reason : as.serious)
    extensions.push_back({{"url", "urn:regenpath:fhir:serious-reason"}, {"valueCode", to_string(reason)}});
  if (!extensions.empty()) r["extension"] = std::move(extensions);
  // What the clinician judged it related to: the harvest or the injection of this episode.
  if (as.relatedness && *as.relatedness != Relatedness::neither)
    r["suspectEntity"] =
        json::array({{{"instance", ref("Procedure", episode_id(e) + "-" + std::string(to_string(*as.relatedness)))},
                      {"causality", json::array({{{"assessment", text_concept("related")}}})}}});
  return r;
}

json product_resource(const Patient& p, const product::Product& x) {
  const bool gone =
      x.state == product::State::used || x.state == product::State::discarded || x.state == product::State::expired;
  json r{
      {"resourceType", "BiologicallyDerivedProduct"},
      {"id", std::to_string(x.id)},
      {"identifier", json::array({{{"system", "urn:regenpath:sid:isbt128-din"}, {"value", x.din}}})},
      {"productCategory", "cells"},
      {"quantity", 1},
      {"collection", {{"source", patient_ref(p)}}},
      {"extension", json::array({{{"url", "urn:regenpath:fhir:product-state"}, {"valueCode", to_string(x.state)}}})}};
  if (!x.product_code.empty()) r["productCode"] = concept_of("urn:regenpath:isbt128-product-code", x.product_code);
  if (x.state == product::State::released || gone) r["status"] = gone ? "unavailable" : "available";
  if (!x.harvest_started_at.empty()) {
    json period{{"start", x.harvest_started_at}};
    if (!x.harvest_ended_at.empty()) period["end"] = x.harvest_ended_at;
    r["collection"]["collectedPeriod"] = std::move(period);
  }
  if (x.method) r["processing"] = json::array({{{"description", std::string(to_string(*x.method))}}});
  if (!x.expires_at.empty()) r["storage"] = json::array({{{"duration", {{"end", x.expires_at}}}}});
  return r;
}

// A graded study: the grades, the study by its DICOM UID, who read it.
void radiograph_observations(const Patient& p, const service::EpisodeRecords& r,
                             const std::function<void(json&&)>& out) {
  const imaging::RadiographicGrade* baseline = imaging::baseline_grade(r.grades, r.episode.harvest_date);
  for (const auto& g : r.grades) {
    RadiographGrades grades{g.study_date.iso(), g.kl_grade, g.tonnis_grade, std::nullopt, &g == baseline};
    if (g.joint_space_tenths_mm) grades.joint_space_mm = *g.joint_space_tenths_mm / 10.0;
    json o = radiograph_observation(radiograph_id(g.id), std::to_string(p.id), episode_id(r.episode),
                                    std::string(joint_word(r.episode.diagnosis.code)), grades);
    o["derivedFrom"] =
        json::array({{{"type", "ImagingStudy"},
                      {"identifier", {{"system", kDicomUidSystem}, {"value", "urn:oid:" + g.study_uid}}}}});
    if (!g.recorded_by.empty()) o["performer"] = json::array({{{"display", g.recorded_by}}});
    out(std::move(o));
  }
}

// The resource a link's record is exported as, when the export holds it: a patient's
// consents are flags of its Patient; a procedure or a visit is named by its plan, which
// holds its day.
std::optional<std::string> provenance_target(const service::PatientRecords& records, const store::FhirLinkRow& l) {
  const std::string type = l.resource.substr(0, l.resource.find('/'));
  const std::string id = std::to_string(l.record_id);
  if (l.record_kind == "patient" || l.record_kind == "consent")
    return l.record_id == records.patient.id ? std::optional("Patient/" + id) : std::nullopt;
  for (const auto& r : records.episodes) {
    if (l.record_kind == "episode" || l.record_kind == "item") {
      if (r.episode.id == l.record_id) return (type == "Condition" ? "Condition/" : "CarePlan/") + id;
    } else if (l.record_kind == "response") {
      for (const auto& q : r.responses)
        if (q.id == l.record_id) return "QuestionnaireResponse/" + id;
    } else if (l.record_kind == "radiograph") {
      for (const auto& g : r.grades)
        if (g.id == l.record_id) return "Observation/" + radiograph_id(g.id);
    } else if (l.record_kind == "adverse_event") {
      for (const auto& a : r.events)
        if (a.id == l.record_id && a.kind == "adverse_event") return "AdverseEvent/" + id;
    }
  }
  return std::nullopt;
}

// What of the patient's record an import took in, one Provenance for each system it came
// from: the resources it became (target), when, by the import, and each resource as the
// sender named it (entity, role source).
void provenance_resources(const service::PatientRecords& records, const std::function<void(json&&)>& out) {
  std::map<std::string, std::vector<const store::FhirLinkRow*>> by_source;
  for (const auto& l : records.links) by_source[l.source].push_back(&l);
  int n = 0;
  for (const auto& [source, links] : by_source) {
    json targets = json::array(), entities = json::array();
    std::vector<std::string> seen;
    std::string recorded;
    for (const auto* l : links) {
      const auto target = provenance_target(records, *l);
      if (!target) continue;
      if (std::find(seen.begin(), seen.end(), *target) == seen.end()) {
        seen.push_back(*target);
        targets.push_back({{"reference", *target}});
      }
      json identifier{{"value", l->resource}};
      if (!source.empty()) identifier = {{"system", source}, {"value", l->resource}};
      entities.push_back({{"role", "source"}, {"what", {{"identifier", std::move(identifier)}}}});
      if (recorded.empty() || l->imported_at < recorded) recorded = l->imported_at;
    }
    if (targets.empty()) continue;
    out({{"resourceType", "Provenance"},
         {"id", std::to_string(records.patient.id) + "-import-" + std::to_string(++n)},
         {"target", std::move(targets)},
         {"recorded", recorded},
         {"activity",
          {{"coding",
            json::array({coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")})}}},
         {"agent",
          json::array(
              {{{"type",
                 {{"coding", json::array({coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                                 "assembler", "Assembler")})}}},
                {"who", {{"display", "regenpath fhir import"}}}}})},
         {"entity", std::move(entities)}});
  }
}

}  // namespace

// The instant a civil day begins at the clinic.
std::string day_start(const CivilDate& day) { return Clock::fixed(day_start_in_zone(day, kClinicZone)).now_iso(); }

std::string_view joint_word(std::string_view diagnosis_code) {
  return diagnosis_code.starts_with("M17") ? "knee" : "hip";
}

json patient_resource(const Patient& p) {
  json r{{"resourceType", "Patient"}, {"id", std::to_string(p.id)}, {"active", true}};
  json ids = json::array();
  if (!p.national_id.empty())
    ids.push_back({{"use", "official"}, {"system", kNationalIdSystem}, {"value", p.national_id}});
  if (!p.mrn.empty())
    ids.push_back({{"use", "usual"},
                   {"type", concept_of("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number")},
                   {"system", mrn_system(p.centre_id)},
                   {"value", p.mrn}});
  if (!ids.empty()) r["identifier"] = std::move(ids);
  json names = json::array();
  if (!p.name_fa.empty()) names.push_back({{"use", "official"}, {"text", p.name_fa}});
  if (!p.name_latin.empty())
    names.push_back({{"use", p.name_fa.empty() ? "official" : "usual"}, {"text", p.name_latin}});
  if (!names.empty()) r["name"] = std::move(names);
  // The channel the patient chose is ranked first.
  json telecom = json::array();
  const bool sms_first = p.preferred_channel == ContactChannel::sms;
  if (!p.mobile.empty())
    telecom.push_back({{"system", "phone"}, {"value", p.mobile}, {"use", "mobile"}, {"rank", sms_first ? 1 : 2}});
  if (!p.email.empty()) telecom.push_back({{"system", "email"}, {"value", p.email}, {"rank", sms_first ? 2 : 1}});
  if (!telecom.empty()) r["telecom"] = std::move(telecom);
  r["gender"] = to_string(p.sex);  // the same four words as FHIR's administrative gender
  r["birthDate"] = p.birth_date.iso();
  r["communication"] =
      json::array({{{"language", concept_of("urn:ietf:bcp:47", to_string(p.language))}, {"preferred", true}}});
  r["managingOrganization"] = ref("Organization", fhir_id(p.centre_id));
  return r;
}

std::string_view appointment_status(ItemStatus s) {
  switch (s) {
    case ItemStatus::planned:
      return "booked";
    case ItemStatus::done:
      return "fulfilled";
    case ItemStatus::missed:
      return "noshow";
    case ItemStatus::cancelled:
      return "cancelled";
  }
  return "booked";
}

std::string_view care_plan_status(EpisodeState s) {
  switch (s) {
    case EpisodeState::completed:
    case EpisodeState::converted_to_thr:
      return "completed";
    case EpisodeState::ineligible:
    case EpisodeState::withdrawn:
    case EpisodeState::lost_to_follow_up:
      return "revoked";
    default:
      return "active";
  }
}

std::string_view loinc_of(const std::string& instrument, const std::string& score) {
  if (const instruments::InstrumentDef* def = instrument_of(instrument))
    for (const auto& s : def->scores)
      if (s.name == score) return s.loinc;
  return "";
}

std::string_view event_outcome(EventOutcome o) {
  switch (o) {
    case EventOutcome::resolved:
      return "resolved";
    case EventOutcome::ongoing:
      return "ongoing";
    case EventOutcome::sequelae:
      return "resolvedWithSequelae";
    case EventOutcome::death:
      return "fatal";
  }
  return "unknown";
}

nlohmann::ordered_json radiograph_observation(const std::string& id, const std::string& patient,
                                              const std::string& care_plan, const std::string& joint,
                                              const RadiographGrades& g) {
  json components = json::array();
  if (g.kl_grade)
    components.push_back({{"code", concept_of(kRadiographSystem, "kellgren-lawrence", "Kellgren-Lawrence grade")},
                          {"valueInteger", *g.kl_grade}});
  if (g.tonnis_grade)
    components.push_back(
        {{"code", concept_of(kRadiographSystem, "tonnis", "Tönnis grade")}, {"valueInteger", *g.tonnis_grade}});
  if (g.joint_space_mm)
    components.push_back(
        {{"code", concept_of(kRadiographSystem, "joint-space-width", "Minimal joint-space width")},
         {"valueQuantity",
          {{"value", *g.joint_space_mm}, {"unit", "mm"}, {"system", "http://unitsofmeasure.org"}, {"code", "mm"}}}});
  json o{{"resourceType", "Observation"}, {"id", id}};
  // The study the episode's grades come from.
  if (g.baseline)
    o["extension"] = json::array({{{"url", "urn:regenpath:fhir:baseline-study"}, {"valueBoolean", true}}});
  o["status"] = "final";
  o["category"] =
      json::array({concept_of("http://terminology.hl7.org/CodeSystem/observation-category", "imaging", "Imaging")});
  o["code"] = {{"coding", json::array({coding(kRadiographSystem, "grades")})},
               {"text", "Radiographic grades of the " + joint}};
  o["subject"] = ref("Patient", patient);
  o["basedOn"] = json::array({ref("CarePlan", care_plan)});
  o["effectiveDateTime"] = g.study_date;
  if (!components.empty()) o["component"] = std::move(components);
  return o;
}

std::string mrn_system(const std::string& centre_id) { return "urn:regenpath:sid:mrn:" + fhir_id(centre_id); }

std::string fhir_id(std::string_view text) {
  std::string out(text.substr(0, 64));
  for (char& c : out)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) c = '-';
  return out.empty() ? "-" : out;
}

json organization(const Centre& c, const std::string& source) {
  json r{{"resourceType", "Organization"},
         {"id", fhir_id(c.id)},
         {"identifier", json::array({{{"system", "urn:regenpath:sid:centre"}, {"value", c.id}}})},
         {"active", true},
         {"type", json::array({concept_of("http://terminology.hl7.org/CodeSystem/organization-type", "prov",
                                          "Healthcare Provider")})},
         {"name", c.name_en.empty() ? c.name_fa : c.name_en}};
  if (!c.name_fa.empty() && !c.name_en.empty()) r["alias"] = json::array({c.name_fa});
  if (!c.phone.empty()) r["telecom"] = json::array({{{"system", "phone"}, {"value", c.phone}}});
  if (!c.city_en.empty()) r["address"] = json::array({{{"city", c.city_en}, {"country", "IR"}}});
  r["meta"] = {{"source", source}};
  return r;
}

void patient_resources(const service::PatientRecords& records, const std::string& source,
                       const std::function<void(json&&)>& sink) {
  const auto out = [&](json&& r) {
    r["meta"] = {{"source", source}};
    sink(std::move(r));
  };
  const Patient& p = records.patient;
  out(patient_resource(p));
  consent_resources(p, out);
  for (const auto& r : records.episodes) {
    const Episode& e = r.episode;
    out(condition_resource(p, r));
    out(care_plan_resource(p, r));
    for (const auto& item : r.schedule)
      if (appointment_kind(item.kind)) out(appointment_resource(p, e, item));
    for (const auto& x : r.products) out(product_resource(p, x));
    procedure_resources(p, r, out);
    for (const auto& row : r.responses) {
      out(questionnaire_response(p, e, row));
      score_observations(p, e, row, out);
    }
    for (const auto& a : r.events)
      if (a.kind == "adverse_event") out(adverse_event_resource(p, e, a));
    radiograph_observations(p, r, out);
  }
  provenance_resources(records, out);
}

const std::vector<std::string>& exported_types() {
  static const std::vector<std::string> types{"Organization", "Questionnaire",
                                              "Patient",      "Consent",
                                              "Condition",    "CarePlan",
                                              "Appointment",  "BiologicallyDerivedProduct",
                                              "Procedure",    "QuestionnaireResponse",
                                              "Observation",  "AdverseEvent",
                                              "Provenance"};
  return types;
}

void questionnaires(const std::function<void(nlohmann::ordered_json&&)>& out) {
  for (const auto& d : instruments::all_instruments()) {
    if (d.questionnaire_file.empty()) continue;
    const auto path = std::filesystem::path(service::data_dir()) / "instruments" / std::string(d.questionnaire_file);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    out(nlohmann::ordered_json::parse(in));
  }
}

}  // namespace rp::api::fhir
