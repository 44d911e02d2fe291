// Records another system sent, written as the clinic's own (service/records_import.hpp).
#include "service/records_import.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "service/audit_entry.hpp"
#include "service/protocols.hpp"
#include "store/json_columns.hpp"
#include "store/response_scores.hpp"

namespace rp::service {
namespace {

// Records written between two audit rows: each row names the records its part of the
// transaction wrote, so that a large import's rows stay of a readable size.
constexpr std::int64_t kImportAuditBatch = 256;
// Who the records say took them in, where a record names its author.
constexpr const char* kImporter = "fhir-import";

std::int64_t id_number(const std::string& ref) {
  const std::string id = ref.substr(ref.find('/') + 1);
  if (id.empty() || id.size() > 18 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoll(id);
}

[[noreturn]] void unknown_reference(const std::string& field, const std::string& ref) {
  throw InputError(field, "fhir_reference_unknown"_err, {{"reference", ref}});
}

// The day an instant or a date names (2026-05-01T06:30:00.000Z -> 2026-05-01).
CivilDate day_of(const std::string& text) { return parse_gregorian(std::string_view(text).substr(0, 10), "authored"); }

// An instrument's time point: the questionnaire item of the episode's schedule that asks
// it and whose window holds the day; the closest to it when several do.
std::optional<std::string> time_point(const std::vector<ScheduledItem>& schedule, const Protocol& protocol,
                                      const std::string& instrument, const CivilDate& day) {
  std::optional<std::string> best;
  std::int64_t best_gap = 0;
  for (const auto& item : schedule) {
    if (item.kind != "questionnaire" || day < item.window_start || item.window_end < day) continue;
    const auto* def = protocol.find_item(item.id);
    if (!def || std::find(def->instruments.begin(), def->instruments.end(), instrument) == def->instruments.end())
      continue;
    const std::int64_t gap = std::abs(day.days_since_epoch() - item.start.days_since_epoch());
    if (!best || gap < best_gap) best = item.id, best_gap = gap;
  }
  return best;
}

}  // namespace

std::string export_source(store::Transaction& tx) {
  const auto first = tx.audit_rows(0, 1);
  return "urn:regenpath:db:" + (first.empty() ? std::string("empty") : first.front().hash.substr(0, 16));
}

RecordsImport::RecordsImport(store::Transaction& tx, const Clock& clock, const Actor& actor)
    : tx_(&tx),
      clock_(clock),
      actor_(actor),
      own_source_(export_source(tx)),
      now_(clock.now_iso()),
      today_(clock.today()) {
  require(actor, Permission::records_import);
}

std::string RecordsImport::key(const std::string& source, const std::string& resource) const {
  return source + "|" + resource;
}

std::optional<store::FhirLinkRow> RecordsImport::linked(const std::string& source, const std::string& resource) {
  return tx_->find_fhir_link(source, resource);
}

void RecordsImport::link(const std::string& source, const std::string& resource, const std::string& centre,
                         const std::string& kind, std::int64_t id) {
  tx_->insert_fhir_link({source, resource, centre, kind, id, now_});
}

void RecordsImport::created(const std::string& type) {
  ++counts_.created[type];
  ++written_since_audit_;
  audit_if_due(false);
}

void RecordsImport::audit_if_due(bool last) {
  if (written_since_audit_ == 0 || (!last && written_since_audit_ < kImportAuditBatch)) return;
  tx_->append_audit(audit_entry(clock_, actor_, "", "records.import", "import", "",
                                "records=" + std::to_string(written_since_audit_)));
  written_since_audit_ = 0;
}

std::int64_t RecordsImport::patient_of(const std::string& source, const std::string& ref) {
  if (own(source)) {
    if (const std::int64_t id = id_number(ref); id && tx_->find_patient(id)) return id;
  } else if (const auto l = linked(source, ref)) {
    return l->record_id;
  }
  unknown_reference("subject", ref);
}

std::int64_t RecordsImport::episode_of(const std::string& source, const std::string& ref) {
  if (own(source)) {
    if (const std::int64_t id = id_number(ref); id && tx_->find_episode(id)) return id;
  } else if (const auto l = linked(source, ref)) {
    return l->record_id;
  }
  unknown_reference("basedOn", ref);
}

void RecordsImport::take(const std::string& source, const ImportedCentre& r) {
  (void)source;
  // A centre is not a patient's record: one that exists stays as the clinic keeps it.
  if (!tx_->find_centre(r.centre.id)) {
    Centre c = r.centre;
    if (c.name_fa.empty()) c.name_fa = c.name_en.empty() ? c.id : c.name_en;
    if (c.name_en.empty()) c.name_en = c.id;
    tx_->upsert_centre(c);
    created("Organization");
  } else {
    unchanged("Organization");
  }
  centres_[r.key] = r.centre.id;
}

void RecordsImport::take(const std::string& source, const ImportedPatient& r) {
  if (own(source) || linked(source, r.key)) {
    (void)patient_of(source, r.key);
    unchanged("Patient");
    return;
  }
  std::string centre;
  if (auto it = centres_.find(r.organization); it != centres_.end())
    centre = it->second;
  else if (const auto c = tx_->find_centre(r.organization.substr(r.organization.find('/') + 1)))
    centre = c->id;
  else
    unknown_reference("Patient.managingOrganization", r.organization);
  Patient p = r.patient;
  p.centre_id = centre;
  validate_patient(p, today_);
  // The same person registered at the centre already is that patient.
  for (const Patient& known : tx_->patients_with_national_id(p.national_id))
    if (known.centre_id == centre) {
      link(source, r.key, centre, "patient", known.id);
      unchanged("Patient");
      return;
    }
  p.id = tx_->insert_patient(p, now_);
  link(source, r.key, centre, "patient", p.id);
  new_patients_.insert(p.id);
  created("Patient");
}

void RecordsImport::take(const std::string& source, const ImportedConsent& r) {
  const std::int64_t patient_id = patient_of(source, r.patient);
  // A patient the clinic had already keeps the consents it recorded; one this run made
  // takes those sent with it.
  if (own(source) || linked(source, r.key) || !new_patients_.count(patient_id)) {
    unchanged("Consent");
    return;
  }
  Patient p = *tx_->find_patient(patient_id);
  (r.kind == "treatment"  ? p.consent.treatment
   : r.kind == "registry" ? p.consent.registry
                          : p.consent.contact) = r.given;
  tx_->update_patient(p);
  link(source, r.key, p.centre_id, "consent", patient_id);
  created("Consent");
}

void RecordsImport::take(const std::string& source, const ImportedCondition& r) {
  // The episode is made with its CarePlan, which names the protocol.
  (void)patient_of(source, r.patient);
  conditions_[key(source, r.key)] = r;
}

void RecordsImport::take(const std::string& source, const ImportedCarePlan& r) {
  if (own(source) || linked(source, r.key)) {
    const std::int64_t id = episode_of(source, r.key);
    for (const auto& a : r.appointments) appointments_[key(source, a)] = {id, ""};
    unchanged("Condition");
    unchanged("CarePlan");
    return;
  }
  const std::int64_t patient_id = patient_of(source, r.patient);
  const auto condition = conditions_.find(key(source, r.condition));
  if (condition == conditions_.end()) unknown_reference("CarePlan.addresses", r.condition);
  if (condition->second.patient != r.patient)
    throw InputError("CarePlan.addresses", "fhir_other_patient"_err, {{"reference", r.condition}});
  const auto protocol = catalogue_entry(r.protocol_id).protocol;
  const Patient patient = *tx_->find_patient(patient_id);
  Episode e;
  e.patient_id = patient_id;
  e.centre_id = patient.centre_id;
  e.protocol_id = r.protocol_id;
  e.side = condition->second.side;
  e.diagnosis = condition->second.diagnosis;
  e.kl_grade = condition->second.kl_grade;
  e.tonnis_grade = condition->second.tonnis_grade;
  e.state = r.state.value_or(EpisodeState::referred);
  if (r.replaces) e.repeat_of = episode_of(source, *r.replaces);
  validate_episode(e, protocol->joint);
  if (!e.diagnosis.code.empty()) validate_diagnosis(e.diagnosis, e.side, protocol->joint);
  e.id = tx_->insert_episode(e, now_);
  link(source, r.condition, e.centre_id, "episode", e.id);
  link(source, r.key, e.centre_id, "episode", e.id);
  for (const auto& a : r.appointments) appointments_[key(source, a)] = {e.id, ""};
  pending_[e.id] = {r.created, r.activities, {}};
  conditions_.erase(condition);
  created("Condition");
  created("CarePlan");
}

void RecordsImport::take(const std::string& source, const ImportedProcedure& r) {
  static const char* const kKinds[] = {"harvest", "injection", "conversion"};
  const std::string kind = kKinds[static_cast<int>(r.kind)];
  const std::int64_t episode_id = episode_of(source, r.care_plan);
  procedures_[key(source, r.key)] = {episode_id, kind};
  auto pending = pending_.find(episode_id);
  if (own(source) || linked(source, r.key) || pending == pending_.end()) {
    unchanged("Procedure");
    return;
  }
  Episode e = *tx_->find_episode(episode_id);
  if (e.patient_id != patient_of(source, r.patient))
    throw InputError("Procedure.subject", "fhir_other_patient"_err, {{"reference", r.patient}});
  const CivilDate on = r.on.value_or(today_);
  EpisodeState to = EpisodeState::harvested;
  if (r.kind == ImportedProcedure::Kind::harvest) {
    e.harvest_date = on;
    if (r.cell_source) e.cell_source = r.cell_source;
  } else if (r.kind == ImportedProcedure::Kind::injection) {
    e.injection_date = on;
    if (r.guidance) e.guidance = r.guidance;
    // The operator is named when the clinic has that surgeon's account at the centre; a name
    // of another system's accounts is not one of this clinic's operators.
    if (r.performer)
      if (const auto account = tx_->find_account_by_username(*r.performer);
          account && account->centre_id == e.centre_id && account->role == "surgeon" && !account->disabled)
        e.injected_by = account->username;
    to = EpisodeState::injected;
  } else {
    to = EpisodeState::converted_to_thr;
  }
  tx_->update_episode(e, now_);
  pending->second.steps.push_back({episode_id, EpisodeState::referred, to, "", kImporter, "operator", now_, on});
  link(source, r.key, e.centre_id, "episode", episode_id);
  created("Procedure");
}

void RecordsImport::settle() {
  for (auto& [episode_id, pending] : pending_) {
    Episode e = *tx_->find_episode(episode_id);
    const auto protocol = catalogue_entry(e.protocol_id).protocol;
    // The history the procedures tell, in order of their days, and the state the plan
    // names last (a conversion or an exit needs its day: the latest known).
    std::sort(pending.steps.begin(), pending.steps.end(),
              [](const Transition& a, const Transition& b) { return a.on < b.on; });
    // The referral, where the history begins, as a native episode's does.
    const CivilDate began = pending.began.value_or(pending.steps.empty() ? today_ : pending.steps.front().on);
    tx_->insert_transition(
        {episode_id, EpisodeState::referred, EpisodeState::referred, "referral", kImporter, "operator", now_, began});
    EpisodeState at = EpisodeState::referred;
    std::optional<CivilDate> last = began;
    for (Transition t : pending.steps) {
      t.from = at;
      tx_->insert_transition(t);
      at = t.to;
      last = t.on;
    }
    if (e.state != at && e.state != EpisodeState::referred)
      tx_->insert_transition({episode_id, at, e.state, "imported", kImporter, "operator", now_, last.value_or(today_)});
    // A harvest or injection planned and not yet done dates the schedule as the plan says.
    bool planned = false;
    for (const auto& a : pending.activities) {
      if (a.item == "harvest" && a.start && !e.harvest_date) e.harvest_date = a.start, planned = true;
      if (a.item == "injection" && a.start && !e.injection_date) e.injection_date = a.start, planned = true;
    }
    if (planned) tx_->update_episode(e, now_);
    Anchors anchors;
    if (e.harvest_date && protocol->anchors.count("harvest")) anchors["harvest"] = *e.harvest_date;
    if (e.injection_date && protocol->anchors.count("injection")) anchors["injection"] = *e.injection_date;
    std::vector<ScheduledItem> schedule = derive_schedule(*protocol, anchors);
    for (const auto& a : pending.activities)
      for (auto& item : schedule)
        if (item.id == a.item) {
          item.status = a.status;
          if (a.status == ItemStatus::done) item.done_on = item.start;
        }
    tx_->replace_schedule(episode_id, schedule);
  }
  pending_.clear();
}

void RecordsImport::take(const std::string& source, const ImportedAppointment& r) {
  settle();
  const auto at = appointments_.find(key(source, r.key));
  if (at == appointments_.end()) unknown_reference("Appointment", r.key);
  if (own(source) || linked(source, r.key)) {
    unchanged("Appointment");
    return;
  }
  const std::int64_t episode_id = at->second.first;
  auto item = tx_->schedule_item(episode_id, r.item);
  // An item the protocol does not schedule (no date to anchor it yet) is left: the
  // schedule is the protocol's.
  if (!item) {
    unchanged("Appointment");
    return;
  }
  item->status = r.status;
  item->done_on = r.status == ItemStatus::done ? std::optional(r.day.value_or(item->start)) : std::nullopt;
  tx_->update_schedule_item_status(episode_id, *item);
  link(source, r.key, tx_->find_episode(episode_id)->centre_id, "item", episode_id);
  created("Appointment");
}

void RecordsImport::take(const std::string& source, const ImportedResponse& r) {
  settle();
  if (own(source) || linked(source, r.key)) {
    unchanged("QuestionnaireResponse");
    return;
  }
  const std::int64_t episode_id = episode_of(source, r.care_plan);
  const Episode e = *tx_->find_episode(episode_id);
  if (e.patient_id != patient_of(source, r.patient))
    throw InputError("QuestionnaireResponse.subject", "fhir_other_patient"_err, {{"reference", r.patient}});
  const auto id = instruments::parse_instrument_key(r.instrument);
  if (!id)
    throw InputError("QuestionnaireResponse.questionnaire", "fhir_unknown_questionnaire"_err,
                     {{"questionnaire", r.questionnaire}});
  // Scored as a native submission is: the instrument's own checks and rules.
  const instruments::Scores scores = instruments::score(*id, instruments::answers_from(r.answers));
  const CivilDate day = day_of(r.authored);
  std::string item = r.item.value_or("");
  if (item.empty() || !tx_->schedule_item(episode_id, item)) {
    const auto protocol = catalogue_entry(e.protocol_id).protocol;
    const auto found = time_point(tx_->schedule_of(episode_id), *protocol, r.instrument, day);
    if (!found)
      throw InputError("QuestionnaireResponse.authored", "fhir_no_time_point"_err,
                       {{"instrument", r.instrument}, {"day", day.iso()}});
    item = *found;
  }
  store::QuestionnaireResponseRow row;
  row.episode_id = episode_id;
  row.centre_id = e.centre_id;
  row.instrument = r.instrument;
  row.item_id = item;
  row.answers_json = store::answers_json(r.answers);
  row.scores_json = store::scores_json(scores);
  row.scores = store::typed_scores(scores);
  row.source = r.source;
  row.submitted_by = kImporter;
  row.submitted_at = r.authored.size() > 10 ? r.authored : r.authored + "T00:00:00.000Z";
  row.idempotency_key = r.key;
  row.wording_version = r.questionnaire.find('|') != std::string::npos ? r.questionnaire : "";
  row.id = tx_->insert_questionnaire_response(row);
  link(source, r.key, e.centre_id, "response", row.id);
  created("QuestionnaireResponse");
}

void RecordsImport::take(const std::string& source, const ImportedAdverseEvent& r) {
  settle();
  if (own(source) || linked(source, r.key)) {
    unchanged("AdverseEvent");
    return;
  }
  const std::int64_t patient_id = patient_of(source, r.patient);
  store::AdverseEventRow a = r.row;
  std::optional<std::int64_t> episode_id;
  if (r.suspect) {
    const auto p = procedures_.find(key(source, *r.suspect));
    if (p == procedures_.end()) unknown_reference("AdverseEvent.suspectEntity", *r.suspect);
    episode_id = p->second.first;
    if (p->second.second == "harvest") a.assessment.relatedness = Relatedness::harvest;
    if (p->second.second == "injection") a.assessment.relatedness = Relatedness::injection;
  } else {
    // Not tied to a procedure: the patient's latest episode.
    for (const auto& e : tx_->episodes_of_patient(patient_id)) episode_id = std::max(episode_id.value_or(0), e.id);
  }
  if (!episode_id) unknown_reference("AdverseEvent.subject", r.patient);
  const Episode e = *tx_->find_episode(*episode_id);
  if (e.patient_id != patient_id)
    throw InputError("AdverseEvent.suspectEntity", "fhir_other_patient"_err, {{"reference", r.suspect.value_or("")}});
  check_category(a.kind, a.category);
  a.episode_id = e.id;
  a.centre_id = e.centre_id;
  a.reported_by = kImporter;
  a.role = "operator";
  if (a.reported_at.empty()) a.reported_at = now_;
  a.status = a.assessment.outcome == EventOutcome::resolved ? "resolved" : "open";
  a.serious = a.assessment.is_serious();
  if (a.assessment.ctcae_grade || !a.assessment.serious.empty() || a.assessment.outcome || a.assessment.relatedness) {
    a.assessed_by = kImporter;
    a.assessed_at = now_;
  }
  a.id = tx_->insert_adverse_event(a);
  link(source, r.key, e.centre_id, "adverse_event", a.id);
  created("AdverseEvent");
}

void RecordsImport::take(const std::string& source, const ImportedRadiograph& r) {
  settle();
  if (own(source) || linked(source, r.key)) {
    unchanged("Observation");
    return;
  }
  const std::int64_t episode_id = episode_of(source, r.care_plan);
  const Episode e = *tx_->find_episode(episode_id);
  if (e.patient_id != patient_of(source, r.patient))
    throw InputError("Observation.subject", "fhir_other_patient"_err, {{"reference", r.patient}});
  imaging::RadiographicGrade g = r.grade;
  g.id = 0;
  g.episode_id = e.id;
  g.centre_id = e.centre_id;
  if (g.recorded_by.empty()) g.recorded_by = kImporter;
  g.recorded_at = now_;
  // A study graded twice (in this store, or by two resources) keeps the later reading, as
  // staff's grading again does.
  g.id = tx_->save_radiographic_grade(g);
  link(source, r.key, e.centre_id, "radiograph", g.id);
  created("Observation");
}

void RecordsImport::finish() {
  settle();
  audit_if_due(true);
}

void RecordsImport::continue_in(store::Transaction& tx) {
  tx_ = &tx;
  counts_before_ = counts_;
  conditions_.clear();
  appointments_.clear();
  procedures_.clear();
  new_patients_.clear();
  pending_.clear();
  written_since_audit_ = 0;
}

void RecordsImport::retry_in(store::Transaction& tx) {
  counts_ = counts_before_;
  continue_in(tx);
}

bool RecordsImport::knows(const std::string& source, const std::string& ref) {
  const std::string type = ref.substr(0, ref.find('/'));
  if (type == "Organization") return tx_->find_centre(ref.substr(ref.find('/') + 1)).has_value();
  if (own(source)) {
    const std::int64_t id = id_number(ref);
    if (type == "Patient") return id && tx_->find_patient(id);
    if (type == "CarePlan" || type == "Condition") return id && tx_->find_episode(id);
    // This store's own procedures are its episodes' days: an adverse event names one of
    // the same file set.
    return false;
  }
  return linked(source, ref).has_value();
}

}  // namespace rp::service
