#include "api/contract/events.hpp"

#include "api/contract/episodes.hpp"
#include "api/contract/optional_text.hpp"

namespace rp::api::contract {

AdverseEventOut adverse_event_out(const store::AdverseEventRow& r) {
  const EventAssessment& a = r.assessment;
  AdverseEventOut out;
  out.id = r.id;
  out.episode_id = r.episode_id;
  out.kind = r.kind;
  out.category = r.category;
  out.severity = r.severity;
  out.description = r.description;
  out.onset = r.onset_date;
  out.reported_by = r.reported_by;
  out.role = r.role;
  out.reported_at = r.reported_at;
  out.status = r.status;
  out.acknowledged_by = r.acknowledged_by;
  out.acknowledged_at = r.acknowledged_at;
  out.acknowledged_role = r.acknowledged_role;
  out.ack_action = unless_empty(r.ack_action);
  out.ack_note = r.ack_note;
  if (a.ctcae_grade) out.ctcae_grade = *a.ctcae_grade;
  out.serious_reasons = a.serious;
  out.serious = r.serious;
  out.assessed = a.is_assessed();
  out.relatedness = a.relatedness;
  out.outcome = a.outcome;
  out.red_flag_id = r.red_flag_id;
  out.triage = unless_empty(r.triage);
  out.triage_reason = r.triage_reason;
  out.assessed_by = r.assessed_by;
  out.assessed_at = r.assessed_at;
  return out;
}

service::AdverseEventInput to_event(const NewAdverseEvent& in) {
  EventAssessment a;
  a.ctcae_grade = grade(in.ctcae_grade);
  if (in.serious_reasons) a.serious = *in.serious_reasons;
  a.relatedness = in.relatedness;
  a.outcome = in.outcome;
  return {in.category, in.severity, in.description.value_or(""), in.onset, a};
}

service::AssessmentChange to_change(const AssessmentChangeIn& in) {
  return {grade(in.ctcae_grade), in.serious_reasons, in.relatedness, in.outcome, in.reason.value_or("")};
}

void TriageIn::check_decision(const TriageIn& in) {
  if (in.decision != "adverse_event" && in.decision != "not_adverse_event")
    throw InputError("decision", "unknown_triage_decision"_err);
}

void TriageIn::check_what_came(const TriageIn& in, const http::BodyReader& sent) {
  if (!in.adverse_event()) {
    for (const char* f : {"category", "severity", "description", "onset", "onset_jalali", "ctcae_grade",
                          "serious_reasons", "relatedness", "outcome"}) {
      const auto it = sent.body().find(f);
      if (it != sent.body().end() && !it->is_null()) throw InputError(f, "only_for_adverse_event"_err);
    }
    return;
  }
  if (!in.category || in.category->empty()) throw InputError("category", "adverse_category_required"_err);
}

service::RedFlagTriage to_triage(const TriageIn& in) {
  service::RedFlagTriage t;
  t.adverse_event = in.adverse_event();
  t.reason = in.reason.value_or("");
  if (!t.adverse_event) return t;
  EventAssessment a;
  a.ctcae_grade = grade(in.ctcae_grade);
  if (in.serious_reasons) a.serious = *in.serious_reasons;
  a.relatedness = in.relatedness;
  a.outcome = in.outcome;
  t.event = {*in.category, in.severity.value_or(""), in.description.value_or(""), in.onset, a};
  return t;
}

}  // namespace rp::api::contract
