#pragma once
// Records another system sent as FHIR (api/fhir/from_fhir.hpp reads them), written into
// the store as the clinic's own: patients, their consents, episodes with the schedule
// their protocol derives, the harvest, injection and conversion days, questionnaire
// answers scored as a native submission is, adverse events, radiographic grades.
//
// - Idempotent: every resource taken in is linked to the record it became
//   (0046_fhir_links.sql), by the system that sent it and its Type/id; the same resource
//   again changes nothing. A patient already registered at the centre (the same national
//   id) is that patient, not a second one. Resources of this database's own export (their
//   meta.source is this store's, export_source) are its records already: nothing is written.
// - Whole or not at all: the caller runs one RecordsImport inside one write transaction;
//   an error of any resource (its InputError names the element) rolls all of it back. A
//   large import goes on in the next transaction (continue_in) after each finish(), whole
//   patients to a transaction: no half of a patient is ever written.
// - Audited: an audit row for every kImportAuditBatch records written and one at the end,
//   in the same transaction, naming the records (store/record_content.hpp).
// The CLI operator only: records come with their centres, whichever they are.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/centre.hpp"
#include "domain/episode.hpp"
#include "domain/imaging/imaging.hpp"
#include "domain/instruments/sent_answers.hpp"
#include "domain/patient.hpp"
#include "domain/schedule.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct ImportedCentre {
  std::string key;  // Organization/id
  Centre centre;    // the id from urn:regenpath:sid:centre, else the resource's id
};
struct ImportedPatient {
  std::string key, organization;  // Patient/id, Organization/id
  Patient patient;                // centre_id unset: the organization's
};
struct ImportedConsent {
  std::string key, patient;
  std::string kind;  // treatment | registry | contact
  bool given = false;
};
struct ImportedCondition {
  std::string key, patient;
  Diagnosis diagnosis;
  Side side = Side::right;
  std::optional<int> kl_grade, tonnis_grade;
};
struct ImportedActivity {
  std::string item;  // the protocol's item id
  ItemStatus status = ItemStatus::planned;
  std::optional<CivilDate> start;  // its planned first day (a harvest planned, not yet done)
};
struct ImportedCarePlan {
  std::string key, patient, condition;
  std::string protocol_id;
  std::optional<EpisodeState> state;    // regenpath's own extension; unset from another system
  std::optional<std::string> replaces;  // CarePlan/id of the episode this one repeats
  std::optional<CivilDate> created;     // the day the episode began (its referral)
  std::vector<ImportedActivity> activities;
  std::vector<std::string> appointments;  // Appointment/id, each a visit or imaging item
};
struct ImportedAppointment {
  std::string key;
  std::string item;  // the protocol's item id (serviceType)
  ItemStatus status = ItemStatus::planned;
  std::optional<CivilDate> day;  // the clinic day it started
};
struct ImportedProcedure {
  std::string key, patient, care_plan;
  enum class Kind { harvest, injection, conversion } kind = Kind::harvest;
  std::optional<CivilDate> on;
  std::optional<CellSource> cell_source;
  std::optional<Guidance> guidance;
  std::optional<std::string> performer;  // the injecting operator's username, as the sender names it
};
struct ImportedResponse {
  std::string key, patient, care_plan;
  std::string instrument;            // the instrument's key (hoos, nrs, ...)
  std::string questionnaire;         // the canonical as sent
  std::optional<std::string> item;   // the protocol's time point, when the resource names it
  instruments::SentAnswers answers;  // as a request would send them
  std::string authored;              // ISO 8601 UTC instant, or a day
  std::string source;                // patient | staff
};
struct ImportedAdverseEvent {
  std::string key, patient;
  // The procedure a clinician judged it related to (Procedure/id): its episode is the
  // event's, its kind the relatedness. None: the patient's latest episode, relatedness unset.
  std::optional<std::string> suspect;
  store::AdverseEventRow row;  // episode, centre and who reported it: the import's
};

// A study's radiographic grades (an Observation coded urn:regenpath:radiograph "grades").
struct ImportedRadiograph {
  std::string key, patient, care_plan;
  imaging::RadiographicGrade grade;  // study UID, day and grades; episode, centre, who and when: the import's
};

// The `source` every resource of this store's export names (meta.source), made of the
// first audit row's hash: two databases never share it, a copy of one keeps it.
std::string export_source(store::Transaction& tx);

// How many resources of each type made records, and how many were there already.
struct ImportCounts {
  std::map<std::string, std::int64_t> created, unchanged;
};

class RecordsImport {
 public:
  // ForbiddenError unless the actor is the operator.
  RecordsImport(store::Transaction& tx, const Clock& clock, const Actor& actor);

  // Each resource as read, with the system that sent it ("" when it named none).
  void take(const std::string& source, const ImportedCentre& r);
  void take(const std::string& source, const ImportedPatient& r);
  void take(const std::string& source, const ImportedConsent& r);
  void take(const std::string& source, const ImportedCondition& r);
  void take(const std::string& source, const ImportedCarePlan& r);
  void take(const std::string& source, const ImportedProcedure& r);
  void take(const std::string& source, const ImportedAppointment& r);
  void take(const std::string& source, const ImportedResponse& r);
  void take(const std::string& source, const ImportedAdverseEvent& r);
  void take(const std::string& source, const ImportedRadiograph& r);
  // Derives the schedules still pending and writes the last audit row.
  void finish();
  // After finish(), the takes that follow write in `tx`, the next transaction. What the
  // import keeps of a patient's lines (conditions before their CarePlan, a CarePlan's
  // visits, the procedures an adverse event names) is let go: a patient's lines are taken
  // in one transaction.
  void continue_in(store::Transaction& tx);
  // The same transaction again, when the store retries it (a serialization failure on
  // PostgreSQL): what the failed attempt took in and counted is forgotten.
  void retry_in(store::Transaction& tx);

  // Whether `ref` (Patient/, CarePlan/, Condition/, Procedure/, Organization/) names a
  // record the store has already: this store's own, a centre, or one an earlier import
  // linked. The command line checks the references its files do not resolve with it,
  // before it writes anything.
  bool knows(const std::string& source, const std::string& ref);

  const ImportCounts& counts() const { return counts_; }

 private:
  struct PendingEpisode {
    std::optional<CivilDate> began;
    std::vector<ImportedActivity> activities;
    std::vector<Transition> steps;  // from the procedures, in the order they came
  };
  std::string key(const std::string& source, const std::string& resource) const;
  bool own(const std::string& source) const { return source == own_source_; }
  // The link of a resource taken in before (this run or an earlier one), if any.
  std::optional<store::FhirLinkRow> linked(const std::string& source, const std::string& resource);
  void link(const std::string& source, const std::string& resource, const std::string& centre, const std::string& kind,
            std::int64_t id);
  std::int64_t patient_of(const std::string& source, const std::string& ref);
  std::int64_t episode_of(const std::string& source, const std::string& ref);
  void created(const std::string& type);
  void unchanged(const std::string& type) { ++counts_.unchanged[type]; }
  void settle();  // the schedules of the episodes this run made, once their dates are known
  void audit_if_due(bool last);

  store::Transaction* tx_;  // the transaction the takes write in
  Clock clock_;             // copies: the caller may hand in temporaries
  Actor actor_;
  std::string own_source_, now_;
  CivilDate today_;
  ImportCounts counts_;
  ImportCounts counts_before_;  // at the current transaction's start, for retry_in
  std::int64_t written_since_audit_ = 0;
  std::map<std::string, std::string> centres_;                                // Organization key -> centre id
  std::map<std::string, ImportedCondition> conditions_;                       // until their CarePlan comes
  std::map<std::string, std::pair<std::int64_t, std::string>> appointments_;  // -> episode, item
  std::map<std::string, std::pair<std::int64_t, std::string>> procedures_;    // -> episode, harvest|injection|...
  std::map<std::int64_t, PendingEpisode> pending_;  // episodes made, schedules not yet derived
  std::set<std::int64_t> new_patients_;             // made by this run: their consents are taken
};

}  // namespace rp::service
