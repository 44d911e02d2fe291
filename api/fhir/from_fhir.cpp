// FHIR R4 resources read back into records (api/fhir/from_fhir.hpp).
#include "api/fhir/from_fhir.hpp"

#include <algorithm>

#include "api/answers_json.hpp"
#include "api/fhir/resources.hpp"
#include "base/civil_date.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"
#include "domain/adverse_event.hpp"
#include "domain/imaging/imaging.hpp"
#include "domain/instruments/registry.hpp"

namespace rp::api::fhir {
namespace {

using Json = nlohmann::json;

// The element `name` of `r` (a path for the error's field: "Patient.birthDate").
class Element {
 public:
  Element(const Json& value, std::string path) : v_(value), path_(std::move(path)) {}
  const Json& value() const { return v_; }
  const std::string& path() const { return path_; }

  bool has(std::string_view name) const { return v_.is_object() && v_.contains(name) && !v_.at(name).is_null(); }
  Element at(std::string_view name) const {
    if (!has(name)) throw InputError(path_ + "." + std::string(name), "required"_err);
    return {v_.at(name), path_ + "." + std::string(name)};
  }
  std::optional<Element> find(std::string_view name) const {
    if (!has(name)) return std::nullopt;
    return at(name);
  }
  std::string text() const {
    if (!v_.is_string()) throw InputError(path_, "not_a_string"_err);
    return v_.get<std::string>();
  }
  std::string text(std::string_view name) const { return at(name).text(); }
  std::string text_or(std::string_view name, std::string fallback = "") const {
    return has(name) ? at(name).text() : std::move(fallback);
  }
  std::vector<Element> list(std::string_view name) const {
    std::vector<Element> out;
    if (!has(name)) return out;
    const Element l = at(name);
    if (!l.v_.is_array()) throw InputError(l.path_, "not_an_object_list"_err);
    for (std::size_t i = 0; i < l.v_.size(); ++i) out.emplace_back(l.v_[i], l.path_ + "[" + std::to_string(i) + "]");
    return out;
  }
  // The code of the first coding of this CodeableConcept in `system`.
  std::optional<std::string> code_in(std::string_view system) const {
    for (const auto& c : list("coding"))
      if (c.text_or("system") == system) return c.text("code");
    return std::nullopt;
  }
  // "Type/id" of a Reference element, refused unless it names a `type`.
  std::string reference(std::string_view type) const {
    std::string ref = text("reference");
    const auto slash = ref.find('/');
    if (slash == std::string::npos || ref.substr(0, slash) != type || slash + 1 == ref.size() ||
        ref.find('/', slash + 1) != std::string::npos)
      throw InputError(path_ + ".reference", "fhir_not_a_reference"_err,
                       {{"reference", ref}, {"type", std::string(type)}});
    return ref;
  }
  CivilDate date() const {
    const std::string t = text();
    return parse_gregorian(std::string_view(t).substr(0, 10), path_);
  }

 private:
  const Json& v_;
  std::string path_;
};

Element root(const Json& r, std::string_view type) {
  if (!r.is_object()) throw InputError(std::string(type), "not_an_object"_err);
  return {r, std::string(type)};
}

// The extension of `url`, if the element has one.
std::optional<Element> extension(const Element& e, std::string_view url) {
  for (const auto& x : e.list("extension"))
    if (x.text_or("url") == url) return x;
  return std::nullopt;
}

// "right hip" / "left knee": the side a body site's text names.
Side side_of(const Element& site) {
  const std::string t = site.text("text");
  if (t.rfind("left", 0) == 0) return Side::left;
  if (t.rfind("right", 0) == 0) return Side::right;
  throw InputError(site.path() + ".text", "not_one_of"_err, {{"value", t}, {"allowed", "left …, right …"}});
}

ItemStatus item_status_of_appointment(const Element& status) {
  const std::string s = status.text();
  if (s == "fulfilled" || s == "arrived" || s == "checked-in") return ItemStatus::done;
  if (s == "noshow") return ItemStatus::missed;
  if (s == "cancelled" || s == "entered-in-error") return ItemStatus::cancelled;
  if (s == "booked" || s == "pending" || s == "proposed" || s == "waitlist") return ItemStatus::planned;
  throw InputError(status.path(), "not_one_of"_err, {{"value", s}, {"allowed", "an Appointment status"}});
}

ItemStatus item_status_of_activity(const Element& detail) {
  const Element status = detail.at("status");
  const std::string s = status.text();
  if (s == "completed") return ItemStatus::done;
  if (s == "cancelled" || s == "stopped" || s == "entered-in-error") {
    const auto reason = detail.find("statusReason");
    return reason && reason->text_or("text") == "missed" ? ItemStatus::missed : ItemStatus::cancelled;
  }
  return ItemStatus::planned;
}

// A Questionnaire's canonical ("urn:regenpath:questionnaire:hoos|1") as the instrument
// whose answers it holds.
std::string instrument_of(const Element& q) {
  const std::string canonical = q.text();
  const std::string url = canonical.substr(0, canonical.find('|'));
  constexpr std::string_view prefix = "urn:regenpath:questionnaire:";
  if (url.rfind(prefix, 0) == 0) {
    std::string key = url.substr(prefix.size());
    for (const auto& d : instruments::all_instruments())
      if (d.key == key) return key;
  }
  throw InputError(q.path(), "fhir_unknown_questionnaire"_err, {{"questionnaire", canonical}});
}

// The answers of a QuestionnaireResponse as a request sends them: each answered item by its
// linkId, groups opened (HOOS's subscales) or kept where the linkId is dotted (Harris's
// "rom.flexion" under "rom").
void collect_answers(const Element& parent, Json& out) {
  for (const auto& item : parent.list("item")) {
    const std::string link = item.text("linkId");
    const auto answers = item.list("answer");
    if (answers.empty()) {
      collect_answers(item, out);
      continue;
    }
    const Element& a = answers.front();
    Json value;
    if (const auto c = a.find("valueCoding")) {
      const std::string code = c->text("code");
      const bool digits =
          !code.empty() && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      value = digits && code.size() < 9 ? Json(std::stoi(code)) : Json(code);
    } else if (const auto i = a.find("valueInteger")) {
      if (!i->value().is_number_integer()) throw InputError(i->path(), "not_a_number"_err);
      value = i->value();
    } else if (const auto d = a.find("valueDecimal")) {
      if (!d->value().is_number()) throw InputError(d->path(), "not_a_number"_err);
      value = d->value();
    } else if (const auto day = a.find("valueDate")) {
      value = day->text();
    } else if (const auto s = a.find("valueString")) {
      value = s->text();
    } else {
      throw InputError(a.path(), "required"_err);
    }
    const auto dot = link.find('.');
    if (dot == std::string::npos) {
      out[link] = std::move(value);
      continue;
    }
    // A dotted item is one of its group's ("rom.flexion" of "rom"): never beside an answer
    // of the group's own name.
    Json& group = out[link.substr(0, dot)];
    if (!group.is_null() && !group.is_object()) throw InputError(item.path() + ".linkId", "not_an_object"_err);
    group[link.substr(dot + 1)] = std::move(value);
  }
}

}  // namespace

ReadResource read_ndjson_line(std::string_view line, std::string_view file_type) {
  Json body = Json::parse(line, nullptr, false);
  if (body.is_discarded()) throw InputError("line", "not_json"_err);
  if (!body.is_object()) throw InputError("line", "not_an_object"_err);
  const Element r(body, "resource");
  const std::string type = r.text("resourceType");
  if (type != file_type)
    throw InputError("resourceType", "fhir_wrong_resource_type"_err,
                     {{"found", type}, {"expected", std::string(file_type)}});
  ReadResource out{type, Element(body, type).text("id"), "", {}};
  if (const auto meta = Element(body, type).find("meta")) out.source = meta->text_or("source");
  out.body = std::move(body);
  return out;
}

service::ImportedCentre organization_from_fhir(const Json& j) {
  const Element r = root(j, "Organization");
  service::ImportedCentre out{"Organization/" + r.text("id"), {}};
  out.centre.id = r.text("id");
  for (const auto& i : r.list("identifier"))
    if (i.text_or("system") == "urn:regenpath:sid:centre") out.centre.id = i.text("value");
  out.centre.name_en = r.text_or("name");
  for (const auto& a : r.list("alias")) out.centre.name_fa = a.text();
  if (out.centre.name_fa.empty()) out.centre.name_fa = out.centre.name_en;
  for (const auto& a : r.list("address")) out.centre.city_en = a.text_or("city");
  for (const auto& t : r.list("telecom"))
    if (t.text_or("system") == "phone") out.centre.phone = t.text("value");
  return out;
}

service::ImportedPatient patient_from_fhir(const Json& j) {
  const Element r = root(j, "Patient");
  service::ImportedPatient out{"Patient/" + r.text("id"), r.at("managingOrganization").reference("Organization"), {}};
  Patient& p = out.patient;
  for (const auto& i : r.list("identifier")) {
    const std::string system = i.text_or("system");
    if (system == kNationalIdSystem) p.national_id = i.text("value");
    if (system.rfind("urn:regenpath:sid:mrn:", 0) == 0 || i.has("type")) {
      const auto type = i.find("type");
      if (system.rfind("urn:regenpath:sid:mrn:", 0) == 0 ||
          (type && type->code_in("http://terminology.hl7.org/CodeSystem/v2-0203") == "MR"))
        p.mrn = i.text("value");
    }
  }
  // The official name is the one in Persian script; a usual one beside it is the Latin.
  for (const auto& n : r.list("name")) {
    const std::string text = n.has("text") ? n.text("text") : n.text_or("family");
    if (n.text_or("use") == "official" && p.name_fa.empty())
      p.name_fa = text;
    else if (p.name_latin.empty())
      p.name_latin = text;
  }
  p.sex = parse_sex(r.text_or("gender", "unknown"), "Patient.gender");
  p.birth_date = r.at("birthDate").date();
  std::optional<int> phone_rank, email_rank;
  for (const auto& t : r.list("telecom")) {
    const std::string system = t.text_or("system");
    const int rank = t.has("rank") && t.at("rank").value().is_number_integer() ? t.at("rank").value().get<int>() : 9;
    if (system == "phone" && p.mobile.empty()) {
      p.mobile = t.text("value");
      phone_rank = rank;
    } else if (system == "email" && p.email.empty()) {
      p.email = t.text("value");
      email_rank = rank;
    }
  }
  p.preferred_channel =
      email_rank && (!phone_rank || *email_rank < *phone_rank) ? ContactChannel::email : ContactChannel::sms;
  for (const auto& c : r.list("communication"))
    if (const auto code = c.at("language").code_in("urn:ietf:bcp:47"))
      p.language = parse_language(*code, "Patient.communication");
  return out;
}

service::ImportedConsent consent_from_fhir(const Json& j) {
  const Element r = root(j, "Consent");
  service::ImportedConsent out{"Consent/" + r.text("id"), r.at("patient").reference("Patient"), "", false};
  const auto scope = r.at("scope").code_in("http://terminology.hl7.org/CodeSystem/consentscope").value_or("");
  if (scope == "treatment")
    out.kind = "treatment";
  else if (scope == "research")
    out.kind = "registry";
  else if (scope == "patient-privacy")
    out.kind = "contact";
  else
    throw InputError("Consent.scope", "not_one_of"_err,
                     {{"value", scope}, {"allowed", "treatment, research, patient-privacy"}});
  const std::string type = r.at("provision").text("type");
  if (type != "permit" && type != "deny")
    throw InputError("Consent.provision.type", "not_one_of"_err, {{"value", type}, {"allowed", "permit, deny"}});
  out.given = r.text("status") == "active" && type == "permit";
  return out;
}

service::ImportedCondition condition_from_fhir(const Json& j) {
  const Element r = root(j, "Condition");
  service::ImportedCondition out{
      "Condition/" + r.text("id"), r.at("subject").reference("Patient"), {}, Side::right, {}, {}};
  if (const auto code = r.find("code"))
    for (const auto& c : code->list("coding")) {
      const std::string system = c.text_or("system");
      if (system == kIcd10Cm || system == kIcd10Who) out.diagnosis = {system, c.text("code")};
    }
  const auto sites = r.list("bodySite");
  if (sites.empty()) throw InputError("Condition.bodySite", "required"_err);
  out.side = side_of(sites.front());
  for (const auto& s : r.list("stage")) {
    const Element summary = s.at("summary");
    const auto whole = [&](const std::string& code) {
      if (code.size() != 1 || code[0] < '0' || code[0] > '9')
        throw InputError(summary.path(), "not_a_whole_number"_err, {{"value", code}});
      return code[0] - '0';
    };
    if (const auto kl = summary.code_in("urn:regenpath:kellgren-lawrence")) out.kl_grade = whole(*kl);
    if (const auto t = summary.code_in("urn:regenpath:tonnis")) out.tonnis_grade = whole(*t);
  }
  return out;
}

service::ImportedCarePlan care_plan_from_fhir(const Json& j) {
  const Element r = root(j, "CarePlan");
  service::ImportedCarePlan out;
  out.key = "CarePlan/" + r.text("id");
  out.patient = r.at("subject").reference("Patient");
  const auto addresses = r.list("addresses");
  if (addresses.empty()) throw InputError("CarePlan.addresses", "required"_err);
  out.condition = addresses.front().reference("Condition");
  const auto canonicals = r.list("instantiatesCanonical");
  constexpr std::string_view prefix = "urn:regenpath:protocol:";
  for (const auto& c : canonicals)
    if (const std::string t = c.text(); t.rfind(prefix, 0) == 0) out.protocol_id = t.substr(prefix.size());
  if (out.protocol_id.empty()) throw InputError("CarePlan.instantiatesCanonical", "required"_err);
  if (const auto state = extension(r, kEpisodeStateUrl))
    out.state = parse_episode_state(state->text("valueCode"), "CarePlan.extension.valueCode");
  for (const auto& rep : r.list("replaces")) out.replaces = rep.reference("CarePlan");
  if (const auto created = r.find("created")) out.created = created->date();
  for (const auto& a : r.list("activity")) {
    if (const auto ref = a.find("reference")) {
      out.appointments.push_back(ref->reference("Appointment"));
      continue;
    }
    const Element detail = a.at("detail");
    const auto item = detail.at("code").code_in(kProtocolItemSystem);
    if (!item) continue;  // an activity of another system's plan, not of the protocol
    std::optional<CivilDate> start;
    if (const auto period = detail.find("scheduledPeriod"); period && period->has("start"))
      start = period->at("start").date();
    out.activities.push_back({*item, item_status_of_activity(detail), start});
  }
  return out;
}

service::ImportedAppointment appointment_from_fhir(const Json& j) {
  const Element r = root(j, "Appointment");
  service::ImportedAppointment out{"Appointment/" + r.text("id"), "", item_status_of_appointment(r.at("status")), {}};
  for (const auto& t : r.list("serviceType"))
    if (const auto item = t.code_in(kProtocolItemSystem)) out.item = *item;
  if (out.item.empty()) throw InputError("Appointment.serviceType", "required"_err);
  // The clinic day it starts: an instant read in Tehran (a day booked whole starts there at 00:00).
  if (const auto start = r.find("start")) {
    const std::string t = start->text();
    out.day = t.size() > 10 ? civil_date_in_zone(instant_ms(t), "Asia/Tehran") : start->date();
  }
  return out;
}

service::ImportedProcedure procedure_from_fhir(const Json& j) {
  const Element r = root(j, "Procedure");
  service::ImportedProcedure out;
  out.key = "Procedure/" + r.text("id");
  out.patient = r.at("subject").reference("Patient");
  const auto based = r.list("basedOn");
  if (based.empty()) throw InputError("Procedure.basedOn", "required"_err);
  out.care_plan = based.front().reference("CarePlan");
  const std::string code = r.at("code").code_in("urn:regenpath:procedure").value_or("");
  if (code == "intra-articular-cell-injection")
    out.kind = service::ImportedProcedure::Kind::injection;
  else if (code == "joint-replacement")
    out.kind = service::ImportedProcedure::Kind::conversion;
  else if (code.rfind("harvest", 0) == 0) {
    out.kind = service::ImportedProcedure::Kind::harvest;
    if (code.size() > 8) out.cell_source = parse_cell_source(code.substr(8), "Procedure.code");
  } else {
    throw InputError(
        "Procedure.code", "not_one_of"_err,
        {{"value", code},
         {"allowed", "harvest-bone_marrow, harvest-adipose, intra-articular-cell-injection, joint-replacement"}});
  }
  if (const auto when = r.find("performedDateTime")) out.on = when->date();
  for (const auto& p : r.list("performer"))
    if (const auto actor = p.find("actor"); actor && actor->has("display")) out.performer = actor->text("display");
  for (const auto& u : r.list("usedCode")) {
    const std::string t = u.text_or("text");
    out.guidance = parse_guidance(t.substr(0, t.find(' ')), "Procedure.usedCode");
  }
  if (r.text("status") != "completed")
    throw InputError("Procedure.status", "not_one_of"_err, {{"value", r.text("status")}, {"allowed", "completed"}});
  return out;
}

service::ImportedResponse response_from_fhir(const Json& j) {
  const Element r = root(j, "QuestionnaireResponse");
  service::ImportedResponse out;
  out.key = "QuestionnaireResponse/" + r.text("id");
  out.patient = r.at("subject").reference("Patient");
  for (const auto& b : r.list("basedOn")) out.care_plan = b.reference("CarePlan");
  if (out.care_plan.empty()) throw InputError("QuestionnaireResponse.basedOn", "required"_err);
  out.questionnaire = r.text("questionnaire");
  out.instrument = instrument_of(r.at("questionnaire"));
  if (const auto item = extension(r, kProtocolItemUrl)) out.item = item->text("valueCode");
  if (r.text("status") != "completed")
    throw InputError("QuestionnaireResponse.status", "not_one_of"_err,
                     {{"value", r.text("status")}, {"allowed", "completed"}});
  out.authored = r.text("authored");
  (void)r.at("authored").date();  // a date it must be
  out.source = r.has("source") ? "patient" : "staff";
  Json answers = Json::object();
  collect_answers(r, answers);
  out.answers = sent_answers(answers);
  return out;
}

service::ImportedAdverseEvent adverse_event_from_fhir(const Json& j) {
  const Element r = root(j, "AdverseEvent");
  service::ImportedAdverseEvent out;
  out.key = "AdverseEvent/" + r.text("id");
  out.patient = r.at("subject").reference("Patient");
  if (r.text("actuality") != "actual")
    throw InputError("AdverseEvent.actuality", "not_one_of"_err,
                     {{"value", r.text("actuality")}, {"allowed", "actual"}});
  store::AdverseEventRow& a = out.row;
  a.kind = "adverse_event";
  const Element event = r.at("event");
  a.category = event.code_in("urn:regenpath:adverse-event-category").value_or("other");
  a.description = event.text_or("text");
  a.onset_date = r.has("date") ? r.at("date").date().iso() : "";
  a.reported_at = r.text_or("recordedDate");
  if (const auto s = r.find("severity"))
    a.severity = s->code_in("http://terminology.hl7.org/CodeSystem/adverse-event-severity").value_or("");
  if (const auto o = r.find("outcome")) {
    const std::string code = o->code_in("http://terminology.hl7.org/CodeSystem/adverse-event-outcome").value_or("");
    if (code == "resolved") a.assessment.outcome = EventOutcome::resolved;
    if (code == "ongoing" || code == "recovering") a.assessment.outcome = EventOutcome::ongoing;
    if (code == "resolvedWithSequelae") a.assessment.outcome = EventOutcome::sequelae;
    if (code == "fatal") a.assessment.outcome = EventOutcome::death;
  }
  for (const auto& x : r.list("extension")) {
    const std::string url = x.text_or("url");
    if (url == "urn:regenpath:fhir:ctcae-grade") {
      if (!x.at("valueInteger").value().is_number_integer()) throw InputError(x.path(), "not_a_number"_err);
      a.assessment.ctcae_grade = x.at("valueInteger").value().get<int>();
    }
    if (url == "urn:regenpath:fhir:reported-severity") a.severity = x.text("valueCode");
    if (url == "urn:regenpath:fhir:serious-reason")
      a.assessment.serious.push_back(parse_serious_reason(x.text("valueCode"), "AdverseEvent.extension.valueCode"));
  }
  if (a.severity.empty()) throw InputError("AdverseEvent.severity", "required"_err);
  if (a.severity != "mild" && a.severity != "moderate" && a.severity != "severe" && a.severity != "serious")
    throw InputError("AdverseEvent.severity", "unknown_severity"_err);
  for (const auto& s : r.list("suspectEntity")) out.suspect = s.at("instance").reference("Procedure");
  return out;
}

std::optional<service::ImportedRadiograph> radiograph_from_fhir(const Json& j) {
  const Element r = root(j, "Observation");
  if (r.at("code").code_in(kRadiographSystem) != "grades") return std::nullopt;
  service::ImportedRadiograph out;
  out.key = "Observation/" + r.text("id");
  out.patient = r.at("subject").reference("Patient");
  const auto based_on = r.list("basedOn");
  if (based_on.empty()) throw InputError("Observation.basedOn", "required"_err);
  out.care_plan = based_on.front().reference("CarePlan");
  imaging::RadiographicGrade& g = out.grade;
  g.study_date = r.at("effectiveDateTime").date();
  for (const auto& d : r.list("derivedFrom"))
    if (const auto id = d.find("identifier"); id && id->text_or("system") == kDicomUidSystem) {
      std::string uid = id->text("value");
      if (uid.rfind("urn:oid:", 0) == 0) uid = uid.substr(8);
      imaging::check_study_uid(uid, id->path() + ".value");
      g.study_uid = uid;
    }
  if (g.study_uid.empty()) throw InputError("Observation.derivedFrom", "required"_err);
  for (const auto& p : r.list("performer"))
    if (p.has("display")) g.recorded_by = p.text("display");
  for (const auto& c : r.list("component")) {
    const std::string code = c.at("code").code_in(kRadiographSystem).value_or("");
    const auto whole = [&](int most, ErrorCode error) {
      const Element v = c.at("valueInteger");
      // Compared as 64 bits: a number past an int's range is refused, never cut to one in it.
      if (!v.value().is_number_integer() || v.value().get<std::int64_t>() < 0 || v.value().get<std::int64_t>() > most)
        throw InputError(v.path(), error);
      return static_cast<int>(v.value().get<std::int64_t>());
    };
    if (code == "kellgren-lawrence") g.kl_grade = whole(4, "kl_grade_range"_err);
    if (code == "tonnis") g.tonnis_grade = whole(3, "tonnis_grade_range"_err);
    if (code == "joint-space-width") {
      const Element q = c.at("valueQuantity");
      const Element v = q.at("value");
      if (!v.value().is_number()) throw InputError(v.path(), "not_a_number"_err);
      if (q.text_or("code", "mm") != "mm")
        throw InputError(q.path() + ".code", "not_one_of"_err, {{"value", q.text("code")}, {"allowed", "mm"}});
      g.joint_space_tenths_mm = imaging::joint_space_tenths(v.value().get<double>(), v.path());
    }
  }
  if (!g.kl_grade && !g.tonnis_grade && !g.joint_space_tenths_mm)
    throw InputError("Observation.component", "grade_required"_err);
  return out;
}

LineReferences take_resource(const ReadResource& r, service::RecordsImport* import) {
  const auto take = [&](const auto& record) {
    if (import) import->take(r.source, record);
  };
  const auto& b = r.body;
  LineReferences refs;
  if (r.type == "Organization") {
    take(organization_from_fhir(b));
  } else if (r.type == "Patient") {
    const auto p = patient_from_fhir(b);
    refs = {p.key, {{"Patient.managingOrganization", p.organization}}, {}};
    take(p);
  } else if (r.type == "Consent") {
    const auto c = consent_from_fhir(b);
    refs = {c.patient, {{"Consent.patient", c.patient}}, {}};
    take(c);
  } else if (r.type == "Condition") {
    const auto c = condition_from_fhir(b);
    refs = {c.patient, {{"Condition.subject", c.patient}}, {}};
    take(c);
  } else if (r.type == "CarePlan") {
    const auto c = care_plan_from_fhir(b);
    refs = {c.patient, {{"CarePlan.subject", c.patient}, {"CarePlan.addresses", c.condition}}, c.appointments};
    if (c.replaces) refs.needs.emplace_back("CarePlan.replaces", *c.replaces);
    take(c);
  } else if (r.type == "Procedure") {
    const auto p = procedure_from_fhir(b);
    refs = {p.patient, {{"Procedure.subject", p.patient}, {"Procedure.basedOn", p.care_plan}}, {}};
    take(p);
  } else if (r.type == "Appointment") {
    take(appointment_from_fhir(b));
  } else if (r.type == "QuestionnaireResponse") {
    const auto q = response_from_fhir(b);
    refs = {
        q.patient, {{"QuestionnaireResponse.subject", q.patient}, {"QuestionnaireResponse.basedOn", q.care_plan}}, {}};
    take(q);
  } else if (r.type == "AdverseEvent") {
    const auto a = adverse_event_from_fhir(b);
    refs = {a.patient, {{"AdverseEvent.subject", a.patient}}, {}};
    if (a.suspect) refs.needs.emplace_back("AdverseEvent.suspectEntity", *a.suspect);
    take(a);
  } else if (r.type == "Observation") {
    if (const auto o = radiograph_from_fhir(b)) {
      refs = {o->patient, {{"Observation.subject", o->patient}, {"Observation.basedOn", o->care_plan}}, {}};
      take(*o);
    }
  }
  return refs;
}

const std::vector<std::string>& imported_types() {
  // The procedures before the visits: their days anchor the schedule the visits are on.
  static const std::vector<std::string> types{"Organization", "Patient",    "Consent",     "Condition",
                                              "CarePlan",     "Procedure",  "Appointment", "QuestionnaireResponse",
                                              "AdverseEvent", "Observation"};
  return types;
}

}  // namespace rp::api::fhir
