// The registry's de-identified rows as FHIR R4 resources (api/fhir/deidentified_resources.hpp).
#include "api/fhir/deidentified_resources.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "api/fhir/fhir_json.hpp"
#include "api/fhir/resources.hpp"
#include "base/ordered_parallel.hpp"
#include "domain/adverse_event.hpp"
#include "domain/episode.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/schedule.hpp"

namespace rp::api::fhir {
namespace {

using json = nlohmann::ordered_json;
using service::ExportCell;

// One row's cells by column name.
class Cells {
 public:
  Cells(const service::ExportTable& table, const std::vector<ExportCell>& cells) : table_(table), cells_(cells) {}
  const ExportCell& operator[](const char* name) const { return cells_.at(table_.column(name)); }
  std::string text(const char* name) const { return (*this)[name].value_or(""); }
  bool has(const char* name) const { return (*this)[name].has_value(); }
  // A number or integer cell as JSON's number, exactly as the export printed it.
  json number(const char* name) const { return json::parse((*this)[name].value()); }
  bool flag(const char* name) const { return (*this)[name] == "1"; }

 private:
  const service::ExportTable& table_;
  const std::vector<ExportCell>& cells_;
};

json patient_ref(const std::string& pseudonym) { return ref("Patient", pseudonym); }

json extension(std::string_view url, const char* value_type, json value) {
  return {{"url", url}, {value_type, std::move(value)}};
}

json patient_resource(const Cells& c) {
  json r{{"resourceType", "Patient"}, {"id", c.text("patient")}, {"active", true}};
  r["gender"] = c.text("sex");  // the same four words as FHIR's administrative gender
  r["managingOrganization"] = {{"identifier", {{"system", kCentreSystem}, {"value", c.text("centre")}}}};
  return r;
}

json condition_resource(const Cells& c, const std::string& joint) {
  const std::string code = c.text("diagnosis_code");
  const std::string site = c.text("side") + " " + joint;
  json codings = json::array();
  if (!code.empty()) codings.push_back(coding(c.text("diagnosis_system"), code));
  // SNOMED CT for osteoarthritis of the hip (clinical-facts §10.3); of the knee, 239873007.
  if (code.rfind("M16", 0) == 0)
    codings.push_back(coding("http://snomed.info/sct", "239872002", "Osteoarthritis of hip"));
  if (code.rfind("M17", 0) == 0)
    codings.push_back(coding("http://snomed.info/sct", "239873007", "Osteoarthritis of knee"));
  json r{{"resourceType", "Condition"},
         {"id", c.text("episode")},
         {"clinicalStatus", concept_of("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")},
         {"verificationStatus", concept_of("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                           code.empty() ? "provisional" : "confirmed")},
         {"category",
          json::array({concept_of("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")})},
         {"bodySite", json::array({text_concept(site)})},
         {"subject", patient_ref(c.text("patient"))}};
  if (!codings.empty()) r["code"] = {{"coding", std::move(codings)}, {"text", "Osteoarthritis of the " + site}};
  json stages = json::array();
  if (c.has("kl_grade"))
    stages.push_back({{"summary", concept_of("urn:regenpath:kellgren-lawrence", c.text("kl_grade"),
                                             "Kellgren-Lawrence grade " + c.text("kl_grade"))}});
  if (c.has("tonnis_grade"))
    stages.push_back({{"summary", concept_of("urn:regenpath:tonnis", c.text("tonnis_grade"),
                                             "Tönnis grade " + c.text("tonnis_grade"))}});
  if (!stages.empty()) r["stage"] = std::move(stages);
  return r;
}

json care_plan_resource(const Cells& c, const std::string& joint) {
  const std::string state = c.text("state");
  json extensions = json::array({extension(kEpisodeStateUrl, "valueCode", state)});
  if (c.has("age_band_at_injection"))
    extensions.push_back(
        extension("urn:regenpath:fhir:age-band-at-injection", "valueString", c.text("age_band_at_injection")));
  if (c.has("cell_source"))
    extensions.push_back(extension("urn:regenpath:fhir:cell-source", "valueCode", c.text("cell_source")));
  json r{{"resourceType", "CarePlan"},
         {"id", c.text("episode")},
         {"extension", std::move(extensions)},
         {"instantiatesCanonical", json::array({"urn:regenpath:protocol:" + c.text("protocol")})},
         {"status", care_plan_status(parse_episode_state(state))},
         {"intent", "plan"},
         {"title", "Autologous cell injection of the " + c.text("side") + " " + joint},
         {"subject", patient_ref(c.text("patient"))},
         {"addresses", json::array({ref("Condition", c.text("episode"))})}};
  if (c.has("repeat_of")) r["replaces"] = json::array({ref("CarePlan", c.text("repeat_of"))});
  return r;
}

json appointment_resource(const Cells& c, const std::string& patient) {
  const CivilDate start = parse_gregorian(c.text("start_date"));
  const CivilDate end = parse_gregorian(c.text("end_date"));
  const std::string item = c.text("item");
  json r{{"resourceType", "Appointment"},
         {"id", fhir_id(c.text("episode") + "-" + item)},
         {"status", appointment_status(parse_item_status(c.text("status")))},
         {"serviceCategory", json::array({concept_of(kProtocolItemSystem, c.text("kind"))})},
         {"serviceType", json::array({concept_of(kProtocolItemSystem, item)})},
         {"description", item},
         // A day is booked, not an hour: the whole day at the clinic.
         {"start", day_start(start)},
         {"end", day_start(end.plus_days(1))}};
  if (c.has("window_start") && c.has("window_end"))
    r["requestedPeriod"] = json::array({{{"start", c.text("window_start")}, {"end", c.text("window_end")}}});
  r["participant"] = json::array({{{"actor", patient_ref(patient)}, {"status", "accepted"}}});
  return r;
}

json score_observation(const Cells& c, const std::string& patient, int n) {
  const std::string instrument = c.text("instrument"), score = c.text("score");
  json codings = json::array();
  if (const auto loinc = loinc_of(instrument, score); !loinc.empty())
    codings.push_back(coding("http://loinc.org", loinc));
  codings.push_back(coding(kScoreSystem, instrument + "/" + score));
  std::string title = instrument;
  for (const auto& d : instruments::all_instruments())
    if (d.key == instrument) title = d.title;
  json o{{"resourceType", "Observation"},
         {"id", fhir_id(c.text("episode") + "-score-" + std::to_string(n))},
         // The protocol's time point the answers were given at (prom-6m).
         {"extension", json::array({extension(kProtocolItemUrl, "valueCode", c.text("item"))})},
         {"status", "final"},
         {"category",
          json::array({concept_of("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")})},
         {"code", {{"coding", std::move(codings)}, {"text", title + ": " + score}}},
         {"subject", patient_ref(patient)},
         {"basedOn", json::array({ref("CarePlan", c.text("episode"))})},
         {"effectiveDateTime", c.text("answered_on")}};
  if (c.has("value"))
    o["valueQuantity"] = {{"value", c.number("value")}, {"system", "http://unitsofmeasure.org"}, {"code", "{score}"}};
  else if (const std::string t = c.text("text"); t.size() == 10 && t[4] == '-')
    o["valueDateTime"] = t;
  else
    o["valueString"] = t;
  return o;
}

std::string_view fhir_severity(const std::string& reported) {
  return reported == "mild" || reported == "moderate" || reported == "severe" ? reported : std::string_view{};
}

json adverse_event_resource(const Cells& c, const std::string& patient, int n) {
  const std::string ep = c.text("episode");
  json r{{"resourceType", "AdverseEvent"},
         {"id", fhir_id(ep + "-event-" + std::to_string(n))},
         {"actuality", "actual"},
         {"event",
          {{"coding", json::array({coding("urn:regenpath:adverse-event-category", c.text("category"))})},
           {"text", c.text("category")}}},
         {"subject", patient_ref(patient)},
         {"recordedDate", c.text("reported_on")}};
  if (c.has("onset_date")) r["date"] = c.text("onset_date");
  // Serious by the regulatory definition once a clinician assessed it; not yet assessed,
  // no claim either way.
  const bool assessed = c.flag("serious") || c.has("ctcae_grade") || c.has("outcome") || c.has("relatedness");
  if (assessed)
    r["seriousness"] = concept_of("http://terminology.hl7.org/CodeSystem/adverse-event-seriousness",
                                  c.flag("serious") ? "serious" : "non-serious");
  if (const auto severity = fhir_severity(c.text("severity")); !severity.empty())
    r["severity"] = concept_of("http://terminology.hl7.org/CodeSystem/adverse-event-severity", severity);
  if (c.has("outcome"))
    r["outcome"] = concept_of("http://terminology.hl7.org/CodeSystem/adverse-event-outcome",
                              event_outcome(parse_event_outcome(c.text("outcome"))));
  json extensions = json::array();
  if (c.has("ctcae_grade"))
    extensions.push_back(extension("urn:regenpath:fhir:ctcae-grade", "valueInteger", c.number("ctcae_grade")));
  if (c.has("severity"))
    extensions.push_back(extension("urn:regenpath:fhir:reported-severity", "valueCode", c.text("severity")));
  for (const auto reason : parse_serious_reasons_text(c.text("serious_reasons"), "serious_reasons"))
    extensions.push_back(extension("urn:regenpath:fhir:serious-reason", "valueCode", to_string(reason)));
  if (c.has("age_band_at_onset"))
    extensions.push_back(extension("urn:regenpath:fhir:age-band-at-onset", "valueString", c.text("age_band_at_onset")));
  if (!extensions.empty()) r["extension"] = std::move(extensions);
  // What the clinician judged it related to: the harvest or the injection of this episode.
  if (const std::string related = c.text("relatedness"); related == "harvest" || related == "injection")
    r["suspectEntity"] = json::array({{{"instance", ref("Procedure", fhir_id(ep + "-" + related))},
                                       {"causality", json::array({{{"assessment", text_concept("related")}}})}}});
  return r;
}

json product_resource(const Cells& c, const std::string& patient, int n) {
  const std::string state = c.text("state");
  const bool gone = state == "used" || state == "discarded" || state == "expired";
  json extensions = json::array({extension("urn:regenpath:fhir:product-state", "valueCode", state)});
  const auto decimal = [&](const char* column, const char* url) {
    if (c.has(column)) extensions.push_back(extension(url, "valueDecimal", c.number(column)));
  };
  if (c.has("harvest_volume_ml"))
    extensions.push_back(extension("urn:regenpath:fhir:harvest-volume", "valueQuantity",
                                   {{"value", c.number("harvest_volume_ml")},
                                    {"unit", "mL"},
                                    {"system", "http://unitsofmeasure.org"},
                                    {"code", "mL"}}));
  decimal("total_nucleated_cells", "urn:regenpath:fhir:total-nucleated-cells");
  decimal("viability_percent", "urn:regenpath:fhir:viability-percent");
  decimal("cfu_f", "urn:regenpath:fhir:cfu-f");
  if (c.has("passages"))
    extensions.push_back(extension("urn:regenpath:fhir:passages", "valueInteger", c.number("passages")));
  if (c.has("isct_markers_met"))
    extensions.push_back(extension("urn:regenpath:fhir:isct-markers-met", "valueBoolean", c.flag("isct_markers_met")));
  for (const char* test : {"sterility", "endotoxin", "mycoplasma"})
    if (c.has(test))
      extensions.push_back(extension(std::string("urn:regenpath:fhir:qc-") + test, "valueCode", c.text(test)));
  extensions.push_back(extension("urn:regenpath:fhir:cryopreserved", "valueBoolean", c.flag("cryopreserved")));
  if (c.has("injected_on"))
    extensions.push_back(extension("urn:regenpath:fhir:injected-on", "valueDate", c.text("injected_on")));
  json r{{"resourceType", "BiologicallyDerivedProduct"},
         {"id", fhir_id(c.text("episode") + "-product-" + std::to_string(n))},
         {"extension", std::move(extensions)},
         {"productCategory", "cells"},
         {"quantity", 1},
         {"collection", {{"source", patient_ref(patient)}}}};
  if (state == "released" || gone) r["status"] = gone ? "unavailable" : "available";
  if (c.has("harvested_on")) r["collection"]["collectedDateTime"] = c.text("harvested_on");
  if (c.has("method")) r["processing"] = json::array({{{"description", c.text("method")}}});
  return r;
}

json radiograph_resource(const Cells& c, const std::string& patient, const std::string& joint, int n) {
  RadiographGrades g{c.text("study_date"), std::nullopt, std::nullopt, std::nullopt, c.flag("baseline")};
  if (c.has("kl_grade")) g.kl_grade = c.number("kl_grade").get<int>();
  if (c.has("tonnis_grade")) g.tonnis_grade = c.number("tonnis_grade").get<int>();
  if (c.has("joint_space_mm")) g.joint_space_mm = c.number("joint_space_mm").get<double>();
  return radiograph_observation(fhir_id(c.text("episode") + "-radiograph-" + std::to_string(n)), patient,
                                c.text("episode"), joint, g);
}

}  // namespace

const std::vector<std::string>& DeidentifiedResources::types() {
  static const std::vector<std::string> types{
      "Patient",   "Condition",   "CarePlan",    "Appointment", "BiologicallyDerivedProduct",
      "Procedure", "Observation", "AdverseEvent"};
  return types;
}

void DeidentifiedResources::emit(json&& resource) {
  // Labelled as what it is: pseudonymised, not to be taken for a record that names a person.
  resource["meta"] = {
      {"source", source_},
      {"security",
       json::array({coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "PSEUDED", "pseudonymized")})}};
  out_(std::move(resource));
}

void DeidentifiedResources::episode(const std::vector<ExportCell>& cells) {
  const Cells c(service::export_dictionary()[service::export_table_index("episodes")], cells);
  episode_ = {c.text("episode"),      c.text("patient"),
              c.text("side"),         std::string(joint_word(c.text("diagnosis_code"))),
              c.text("cell_source"),  c.text("guidance"),
              c.text("harvest_date"), c.text("injection_date")};
  emit(condition_resource(c, episode_.joint));
  emit(care_plan_resource(c, episode_.joint));
}

void DeidentifiedResources::transition(const std::vector<ExportCell>& cells) {
  const Cells c(service::export_dictionary()[service::export_table_index("transitions")], cells);
  const std::string to = c.text("to_state");
  const std::string& ep = episode_.pseudonym;
  const std::string site = episode_.side + " " + episode_.joint;
  json p{{"resourceType", "Procedure"},
         {"status", "completed"},
         {"subject", patient_ref(episode_.patient)},
         {"basedOn", json::array({ref("CarePlan", ep)})}};
  if (to == "harvested") {
    const bool marrow = episode_.cell_source != "adipose";
    p["id"] = fhir_id(ep + "-harvest");
    p["code"] = {
        {"coding", json::array({coding("urn:regenpath:procedure",
                                       episode_.cell_source.empty() ? "harvest" : "harvest-" + episode_.cell_source)})},
        {"text", episode_.cell_source.empty() ? "Cell harvest"
                 : marrow                     ? "Bone marrow aspiration from the iliac crest"
                                              : "Abdominal fat harvest"}};
    p["reasonReference"] = json::array({ref("Condition", ep)});
    p["performedDateTime"] = episode_.harvest_date.empty() ? c.text("on") : episode_.harvest_date;
    if (!episode_.cell_source.empty())
      p["bodySite"] = json::array({text_concept(marrow ? "iliac crest" : "abdominal fat")});
  } else if (to == "injected") {
    p["id"] = fhir_id(ep + "-injection");
    p["code"] = {{"coding", json::array({coding("urn:regenpath:procedure", "intra-articular-cell-injection")})},
                 {"text", "Image-guided intra-articular injection of autologous cells"}};
    p["reasonReference"] = json::array({ref("Condition", ep)});
    p["performedDateTime"] = episode_.injection_date.empty() ? c.text("on") : episode_.injection_date;
    p["bodySite"] = json::array({text_concept(site)});
    if (!episode_.guidance.empty()) p["usedCode"] = json::array({text_concept(episode_.guidance + " guidance")});
  } else if (to == "converted_to_thr") {
    // The survival end point: the joint replaced, on the day recorded.
    p["id"] = fhir_id(ep + "-conversion");
    p["code"] = {{"coding", json::array({coding("urn:regenpath:procedure", "joint-replacement")})},
                 {"text", "Total replacement of the " + site}};
    p["performedDateTime"] = c.text("on");
    p["bodySite"] = json::array({text_concept(site)});
  } else {
    return;
  }
  // id first, as every other resource has it.
  json ordered{{"resourceType", "Procedure"}, {"id", p["id"]}};
  for (auto& [k, v] : p.items())
    if (k != "resourceType" && k != "id") ordered[k] = std::move(v);
  emit(std::move(ordered));
}

void DeidentifiedResources::row(std::size_t table, const std::vector<ExportCell>& cells) {
  const auto& t = service::export_dictionary().at(table);
  const Cells c(t, cells);
  const std::string& name = t.name;
  if (name == "patients") {
    emit(patient_resource(c));
  } else if (name == "episodes") {
    episode(cells);
  } else if (name == "visits") {
    const std::string kind = c.text("kind");
    if ((kind == "visit" || kind == "imaging") && c.has("start_date") && c.has("end_date"))
      emit(appointment_resource(c, episode_.patient));
  } else if (name == "transitions") {
    transition(cells);
  } else if (name == "scores") {
    if (c.has("value") || c.has("text")) emit(score_observation(c, episode_.patient, ++episode_.scores));
  } else if (name == "adverse_events") {
    if (c.text("kind") == "adverse_event") emit(adverse_event_resource(c, episode_.patient, ++episode_.events));
  } else if (name == "products") {
    emit(product_resource(c, episode_.patient, ++episode_.products));
  } else if (name == "radiographs") {
    emit(radiograph_resource(c, episode_.patient, episode_.joint, ++episode_.radiographs));
  }
}

namespace {

// A run of rows, whole patients only (a patient's rows name its episodes' context), and
// the resources it makes as NDJSON lines, made on a worker thread.
using Rows = std::vector<std::pair<std::size_t, std::vector<ExportCell>>>;

NdjsonByType lines_of(const Rows& rows, const std::vector<std::string>& types) {
  NdjsonByType lines;
  DeidentifiedResources resources(kRegistrySource, [&](json&& r) {
    if (types.empty() ||
        std::find(types.begin(), types.end(), r.at("resourceType").get_ref<const std::string&>()) != types.end())
      append_ndjson(lines, r);
  });
  for (const auto& [table, cells] : rows) resources.row(table, cells);
  return lines;
}

}  // namespace

service::DeidentifiedCounts export_deidentified_ndjson(store::Store& store, const Clock& clock,
                                                       const service::Actor& actor,
                                                       const service::ExportRequest& request,
                                                       const std::vector<std::string>& types,
                                                       const DeidentifiedNdjsonSink& sink) {
  // Rows gathered into runs of about this many, cut where a patient begins, each made into
  // resources on a worker thread (one per core) and handed on in the order read: the
  // lines are the same as one thread makes them, and a few runs are held at a time.
  constexpr std::size_t kRowsPerRun = 4096;
  const auto patients_table = service::export_table_index("patients");
  const auto wanted = std::make_shared<const std::vector<std::string>>(types);
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  std::optional<OrderedParallel<NdjsonByType>> workers;
  Rows run;
  const auto submit = [&] {
    workers->submit([rows = std::move(run), wanted] { return lines_of(rows, *wanted); });
    run = {};
    run.reserve(kRowsPerRun);
  };
  service::DeidentifiedRowSink rows;
  rows.begin = [&] {
    // Begun again: the runs in flight are dropped with their workers.
    workers.reset();
    run.clear();
    run.reserve(kRowsPerRun);
    if (sink.begin) sink.begin();
    workers.emplace(cores, 2 + cores, [&](NdjsonByType&& lines) { sink.take(std::move(lines)); });
  };
  rows.row = [&](std::size_t table, std::vector<ExportCell>&& cells) {
    if (table == patients_table && run.size() >= kRowsPerRun) submit();
    run.emplace_back(table, std::move(cells));
  };
  const auto counts = service::export_deidentified_rows(store, clock, actor, request, rows);
  if (workers) {
    if (!run.empty()) submit();
    workers->finish();
  }
  return counts;
}

}  // namespace rp::api::fhir
