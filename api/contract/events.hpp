#pragma once
// Adverse events and red flags as the API reads and writes them (api/routes_events.cpp,
// api/routes_portal.cpp).
#include <optional>
#include <string>
#include <vector>

#include "api/contract/enums.hpp"
#include "service/submissions.hpp"

namespace rp::api::contract {

using http::FieldRule;

// Listed in the order they are checked: the first bad one is the one named.
struct NewAdverseEvent {
  static constexpr const char* kSchema = "NewAdverseEvent";
  std::string category, severity;
  std::optional<std::string> description;
  std::optional<CivilDate> onset;
  std::optional<std::int64_t> ctcae_grade;
  std::optional<std::vector<SeriousReason>> serious_reasons;
  std::optional<Relatedness> relatedness;
  std::optional<EventOutcome> outcome;
  template <class V>
  static void fields(V& v) {
    v("category", &NewAdverseEvent::category, "", FieldRule{.max_bytes = 64});
    v("severity", &NewAdverseEvent::severity, "mild, moderate or severe", FieldRule{.max_bytes = 16});
    v("description", &NewAdverseEvent::description, "", FieldRule{.max_bytes = 4000});
    v("onset", &NewAdverseEvent::onset, "Gregorian, or onset_jalali");
    v("ctcae_grade", &NewAdverseEvent::ctcae_grade, "CTCAE grade 1-5");
    v("serious_reasons", &NewAdverseEvent::serious_reasons, "", FieldRule{.max_items = 6});
    v("relatedness", &NewAdverseEvent::relatedness, "", FieldRule{.max_bytes = 16});
    v("outcome", &NewAdverseEvent::outcome, "", FieldRule{.max_bytes = 16});
  }
};

struct AssessmentChangeIn {
  static constexpr const char* kSchema = "AdverseEventAssessmentChange";
  std::optional<std::int64_t> ctcae_grade;
  std::optional<std::vector<SeriousReason>> serious_reasons;
  std::optional<Relatedness> relatedness;
  std::optional<EventOutcome> outcome;
  std::optional<std::string> reason;
  template <class V>
  static void fields(V& v) {
    v("ctcae_grade", &AssessmentChangeIn::ctcae_grade, "CTCAE grade 1-5");
    v("serious_reasons", &AssessmentChangeIn::serious_reasons, "", FieldRule{.max_items = 6});
    v("relatedness", &AssessmentChangeIn::relatedness, "", FieldRule{.max_bytes = 16});
    v("outcome", &AssessmentChangeIn::outcome, "", FieldRule{.max_bytes = 16});
    v("reason", &AssessmentChangeIn::reason, "why a recorded assessment changes", FieldRule{.max_bytes = 4000});
  }
};

struct Acknowledgement {
  static constexpr const char* kSchema = "RedFlagAcknowledgement";
  std::optional<std::string> action, note;
  template <class V>
  static void fields(V& v) {
    v("action", &Acknowledgement::action, "called, asked_to_come_in or referred_to_emergency",
      FieldRule{.max_bytes = 32});
    v("note", &Acknowledgement::note, "", FieldRule{.max_bytes = 2000});
  }
};

// A red flag's triage. What may come depends on the decision, checked once decision,
// reason and category are read: nothing of an adverse event with a dismissal (it would
// be dropped unseen), and a category with an adverse event.
struct TriageIn {
  static constexpr const char* kSchema = "RedFlagTriage";
  std::string decision;
  std::optional<std::string> reason, category, severity, description;
  std::optional<CivilDate> onset;
  std::optional<std::int64_t> ctcae_grade;
  std::optional<std::vector<SeriousReason>> serious_reasons;
  std::optional<Relatedness> relatedness;
  std::optional<EventOutcome> outcome;
  template <class V>
  static void fields(V& v) {
    v("decision", &TriageIn::decision, "adverse_event or not_adverse_event", FieldRule{.max_bytes = 32});
    v.rule(check_decision);
    v("reason", &TriageIn::reason, "required for not_adverse_event", FieldRule{.max_bytes = 4000});
    v("category", &TriageIn::category, "required for adverse_event", FieldRule{.max_bytes = 64});
    v.rule(check_what_came);
    v("severity", &TriageIn::severity, "adverse_event only", FieldRule{.max_bytes = 16});
    v("description", &TriageIn::description, "adverse_event only", FieldRule{.max_bytes = 4000});
    v("onset", &TriageIn::onset, "adverse_event only");
    v("ctcae_grade", &TriageIn::ctcae_grade, "adverse_event only");
    v("serious_reasons", &TriageIn::serious_reasons, "adverse_event only", FieldRule{.max_items = 6});
    v("relatedness", &TriageIn::relatedness, "adverse_event only", FieldRule{.max_bytes = 16});
    v("outcome", &TriageIn::outcome, "adverse_event only", FieldRule{.max_bytes = 16});
  }
  bool adverse_event() const { return decision == "adverse_event"; }
  static void check_decision(const TriageIn& in);
  static void check_what_came(const TriageIn& in, const http::BodyReader& sent);
};

struct AdverseEventOut {
  static constexpr const char* kSchema = "AdverseEvent";
  std::int64_t id = 0, episode_id = 0;
  std::string kind, category, severity, description, onset, reported_by, role, reported_at, status;
  std::string acknowledged_by, acknowledged_at, acknowledged_role;
  std::optional<std::string> ack_action;
  std::string ack_note;
  std::optional<std::int64_t> ctcae_grade;
  std::vector<SeriousReason> serious_reasons;
  bool serious = false, assessed = false;
  std::optional<Relatedness> relatedness;
  std::optional<EventOutcome> outcome;
  std::optional<std::int64_t> red_flag_id;
  std::optional<std::string> triage;
  std::string triage_reason, assessed_by, assessed_at;
  template <class V>
  static void fields(V& v) {
    using E = AdverseEventOut;
    v("id", &E::id, "");
    v("episode_id", &E::episode_id, "");
    v("kind", &E::kind, "adverse_event or red_flag");
    v("category", &E::category, "");
    v("severity", &E::severity, "");
    v("description", &E::description, "");
    v("onset", &E::onset, "YYYY-MM-DD, or empty");
    v("reported_by", &E::reported_by, "");
    v("role", &E::role, "the reporter's role", FieldRule{.ref = "Role"});
    v("reported_at", &E::reported_at, "");
    v("status", &E::status, "open, acknowledged or resolved");
    v("acknowledged_by", &E::acknowledged_by, "");
    v("acknowledged_at", &E::acknowledged_at, "");
    v("acknowledged_role", &E::acknowledged_role, "");
    v("ack_action", &E::ack_action, "called, asked_to_come_in or referred_to_emergency");
    v("ack_note", &E::ack_note, "");
    v("ctcae_grade", &E::ctcae_grade, "");
    v("serious_reasons", &E::serious_reasons, "");
    v("serious", &E::serious, "derived from the assessment");
    v("assessed", &E::assessed, "");
    v("relatedness", &E::relatedness, "");
    v("outcome", &E::outcome, "");
    v("red_flag_id", &E::red_flag_id, "the red flag this event was triaged from");
    v("triage", &E::triage, "red flags: adverse_event or not_adverse_event once decided");
    v("triage_reason", &E::triage_reason, "");
    v("assessed_by", &E::assessed_by, "");
    v("assessed_at", &E::assessed_at, "");
  }
};

struct AdverseEventUpdated : AdverseEventOut {
  static constexpr const char* kSchema = "AdverseEventUpdated";
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    AdverseEventOut::fields(v);
    v("changed", &AdverseEventUpdated::changed, "false when nothing differed (nothing was written)");
  }
};

struct RedFlagPatient {
  static constexpr const char* kSchema = "RedFlagPatient";
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  std::optional<std::string> mobile;
  template <class V>
  static void fields(V& v) {
    v("patient_id", &RedFlagPatient::patient_id, "");
    v("mrn", &RedFlagPatient::mrn, "");
    v("name_fa", &RedFlagPatient::name_fa, "");
    v("name_latin", &RedFlagPatient::name_latin, "");
    v("mobile", &RedFlagPatient::mobile, "to call the patient back");
  }
};

struct OpenRedFlagOut : AdverseEventOut {
  static constexpr const char* kSchema = "OpenRedFlag";
  RedFlagPatient patient;
  template <class V>
  static void fields(V& v) {
    AdverseEventOut::fields(v);
    v("patient", &OpenRedFlagOut::patient, "");
  }
};

struct TriageOut {
  static constexpr const char* kSchema = "RedFlagTriaged";
  AdverseEventOut red_flag;
  std::optional<AdverseEventOut> adverse_event;
  template <class V>
  static void fields(V& v) {
    v("red_flag", &TriageOut::red_flag, "");
    v("adverse_event", &TriageOut::adverse_event, "recorded from the red flag (decision adverse_event)");
  }
};

AdverseEventOut adverse_event_out(const store::AdverseEventRow& r);
service::AdverseEventInput to_event(const NewAdverseEvent& in);
service::AssessmentChange to_change(const AssessmentChangeIn& in);
service::RedFlagTriage to_triage(const TriageIn& in);

}  // namespace rp::api::contract
