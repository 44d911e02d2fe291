// Adverse events and red flags: staff record an event (with as much of the clinician's
// assessment as is known), a surgeon grades it later with a reason, a patient reports a
// red flag and a clinician acknowledges it and triages it as an adverse event or not.
// Whether an event is serious is derived from its assessment here, at every write, so the
// outcome report counts what the clinicians recorded.
#include <algorithm>

#include "base/error.hpp"
#include "service/episode_access.hpp"
#include "service/submissions.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

void check_text(const std::string& field, const std::string& value, std::size_t max) {
  if (value.empty()) throw InputError(field, "required"_err);
  if (value.size() > max) throw InputError(field, "too_many_bytes"_err, {{"max", std::to_string(max)}});
}

void set_assessment(store::AdverseEventRow& r, EventAssessment a) {
  validate_assessment(a);
  r.serious = a.is_serious();
  r.assessment = std::move(a);
}

bool has_any(const EventAssessment& a) { return a.ctcae_grade || !a.serious.empty() || a.relatedness || a.outcome; }

store::AdverseEventRow event_row(const Actor& actor, const Episode& e, std::string kind, AdverseEventInput in,
                                 const Clock& clock) {
  static const std::vector<std::string> severities{"mild", "moderate", "severe", "serious"};
  if (std::find(severities.begin(), severities.end(), in.severity) == severities.end())
    throw InputError("severity", "unknown_severity"_err);
  check_text("category", in.category, 64);
  check_category(kind, in.category);
  if (in.description.size() > 4000) throw InputError("description", "too_many_bytes"_err, {{"max", 4000}});
  const CivilDate today = clock.today();
  const CivilDate onset = in.onset.value_or(today);
  if (today < onset) throw InputError("onset", "in_the_future"_err);
  store::AdverseEventRow r;
  r.episode_id = e.id;
  r.centre_id = e.centre_id;
  r.kind = std::move(kind);
  r.category = in.category;
  r.severity = in.severity;
  r.description = in.description;
  r.onset_date = onset.iso();
  r.reported_by = actor.user;
  r.role = actor.role;
  r.reported_at = clock.now_iso();
  r.status = r.kind == "red_flag" ? "open" : "acknowledged";
  if (has_any(in.assessment)) {
    if (r.kind == "red_flag") throw InputError("ctcae_grade", "red_flag_not_graded"_err);
    set_assessment(r, std::move(in.assessment));
    r.assessed_by = actor.user;
    r.assessed_at = r.reported_at;
  }
  return r;
}

std::string grade_text(const std::optional<int>& g) { return g ? std::to_string(*g) : "-"; }
template <typename E>
std::string enum_text(const std::optional<E>& v) {
  return v ? std::string(to_string(*v)) : "-";
}
std::string reasons_text(const std::vector<SeriousReason>& r) { return r.empty() ? "none" : serious_reasons_text(r); }

store::AdverseEventRow find_event(store::Transaction& tx, const Actor& actor, std::int64_t id, const char* kind) {
  auto found = tx.find_adverse_event(id);
  if (!found || !actor.sees_centre(found->centre_id) || found->kind != kind)
    throw NotFoundError("event",
                        kind == std::string("red_flag") ? "red_flag_not_found"_err : "adverse_event_not_found"_err,
                        {{"id", id}});
  return *found;
}

// The centre's open red flags, for the count on every staff page's badge.
std::int64_t open_count(store::Transaction& tx, const std::string& centre_id) {
  return static_cast<std::int64_t>(tx.open_red_flags(centre_id).size());
}

}  // namespace

store::AdverseEventRow Submissions::record_adverse_event(const Actor& actor, std::int64_t episode_id,
                                                         const AdverseEventInput& in) {
  require(actor, Permission::adverse_event_record);
  store::AdverseEventRow r;
  store_.write([&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    r = event_row(actor, e, "adverse_event", in, clock_);
    r.id = tx.insert_adverse_event(r);
    tx.append_audit(
        audit_entry(clock_, actor, e.centre_id, "adverse_event.record", "episode", std::to_string(episode_id),
                    r.category + " " + r.severity + (r.serious ? " serious" : "") +
                        (r.assessment.ctcae_grade ? " grade " + grade_text(r.assessment.ctcae_grade) : "")));
  });
  return r;
}

std::vector<store::AdverseEventRow> Submissions::adverse_events(const Actor& actor, std::int64_t episode_id) {
  return audited_episode_read(store_, clock_, actor, episode_id, "adverse_event.read",
                              [&](store::Transaction& tx) { return tx.adverse_events_of(episode_id); });
}

store::AdverseEventRow Submissions::report_red_flag(const Actor& patient, std::int64_t episode_id,
                                                    const AdverseEventInput& in) {
  if (patient.role != "patient") throw ForbiddenError("role", "red_flags_by_patient"_err);
  store::AdverseEventRow r;
  std::int64_t open = 0;
  store_.write([&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, patient, episode_id);
    r = event_row(patient, e, "red_flag", in, clock_);
    r.id = tx.insert_adverse_event(r);
    tx.append_audit(audit_entry(clock_, patient, e.centre_id, "red_flag.report", "episode", std::to_string(episode_id),
                                r.category + " " + r.severity));
    open = open_count(tx, e.centre_id);
  });
  if (alerts_) alerts_->publish({"red_flag.raised", r.centre_id, r.id, r.episode_id, open});
  return r;
}

std::vector<OpenRedFlag> Submissions::open_red_flags(const Actor& actor) {
  require(actor, Permission::red_flag_review);
  const bool mobile = identifiers_shown(actor, PatientView::search_results).mobile;
  std::vector<OpenRedFlag> out;
  store_.write([&](store::Transaction& tx) {
    for (auto& r : tx.open_red_flags(actor.all_centres ? std::nullopt : std::optional(actor.centre)))
      out.push_back({std::move(r), 0, "", "", "", ""});
    store::AuditEntry row = audit_entry(clock_, actor, actor.centre, "red_flag.list", "adverse_event", "",
                                        std::to_string(out.size()) + " open");
    // The patients whose flags the list shows, by id, so the log answers who saw whom.
    std::vector<std::int64_t> shown;
    for (auto& o : out) {
      const auto e = tx.find_episode(o.flag.episode_id);
      const auto p = e ? tx.find_patient(e->patient_id) : std::nullopt;
      if (!p) continue;
      shown.push_back(p->id);
      o.patient_id = p->id;
      o.mrn = p->mrn;
      o.name_fa = p->name_fa;
      o.name_latin = p->name_latin;
      if (mobile) o.mobile = p->mobile;
    }
    row.shown = store::format_shown(std::move(shown));
    tx.append_audit(row);
  });
  return out;
}

store::AdverseEventRow Submissions::acknowledge_red_flag(const Actor& actor, std::int64_t event_id,
                                                         const RedFlagAcknowledgement& ack) {
  require(actor, Permission::red_flag_review);
  if (std::find(kAcknowledgeActions.begin(), kAcknowledgeActions.end(), ack.action) == kAcknowledgeActions.end())
    throw InputError("action", "red_flag_action_required"_err);
  if (ack.note.size() > 2000) throw InputError("note", "too_many_bytes"_err, {{"max", 2000}});
  std::string role = actor.role;
  if (actor.role == "operator") {
    if (!ack.role.empty() && ack.role != "surgeon" && ack.role != "coordinator" && ack.role != "physiotherapist")
      throw InputError("role", "not_a_clinical_role"_err);
    role = ack.role.empty() ? "clinician" : ack.role;
  }
  store::AdverseEventRow r;
  std::int64_t open = 0;
  store_.write([&](store::Transaction& tx) {
    r = find_event(tx, actor, event_id, "red_flag");
    if (r.status != "open") throw ConflictError("status", "event_already_handled"_err, {{"status", r.status}});
    r.status = "acknowledged";
    r.acknowledged_by = actor.user;
    r.acknowledged_role = role;
    r.acknowledged_at = clock_.now_iso();
    r.ack_action = ack.action;
    r.ack_note = ack.note;
    tx.update_adverse_event(r);
    tx.append_audit(audit_entry(clock_, actor, r.centre_id, "red_flag.acknowledge", "adverse_event",
                                std::to_string(event_id),
                                ack.action + (ack.note.empty() ? "" : "; note: " + ack.note)));
    open = open_count(tx, r.centre_id);
  });
  if (alerts_) alerts_->publish({"red_flag.acknowledged", r.centre_id, r.id, r.episode_id, open});
  return r;
}

std::vector<store::AdverseEventRow> Submissions::own_red_flags(const Actor& patient) {
  if (patient.role != "patient" || !patient.patient_id) throw ForbiddenError("role", "portal_for_patients"_err);
  std::vector<store::AdverseEventRow> out;
  store_.write([&](store::Transaction& tx) {
    const auto p = tx.find_patient(*patient.patient_id);
    if (!p) throw NotFoundError("patient", "no_patient"_err);
    for (const auto& e : tx.episodes_of_patient(p->id))
      for (auto& r : tx.adverse_events_of(e.id))
        if (r.kind == "red_flag") out.push_back(std::move(r));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
    tx.append_audit(audit_entry(clock_, patient, p->centre_id, "red_flag.read", "patient", std::to_string(p->id),
                                "portal, " + std::to_string(out.size()) + " reports"));
  });
  return out;
}

TriagedRedFlag Submissions::triage_red_flag(const Actor& actor, std::int64_t flag_id, const RedFlagTriage& triage) {
  require(actor, Permission::red_flag_review);
  if (triage.adverse_event) require(actor, Permission::adverse_event_record);
  if (triage.reason.size() > 4000) throw InputError("reason", "too_many_bytes"_err, {{"max", 4000}});
  if (!triage.adverse_event && triage.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError("reason", "not_adverse_reason_required"_err);
  TriagedRedFlag out;
  bool was_open = false;
  std::int64_t open = 0;
  store_.write([&](store::Transaction& tx) {
    store::AdverseEventRow flag = find_event(tx, actor, flag_id, "red_flag");
    if (!flag.triage.empty())
      throw ConflictError("triage", "red_flag_already_triaged"_err, {{"decision", flag.triage}});
    const std::string now = clock_.now_iso();
    if (triage.adverse_event) {
      AdverseEventInput in = triage.event;
      if (in.severity.empty()) in.severity = flag.severity;
      if (!in.onset) in.onset = parse_gregorian(flag.onset_date, "onset");
      if (in.description.empty()) in.description = flag.description;
      const Episode e = visible_episode(tx, actor, flag.episode_id);
      store::AdverseEventRow event = event_row(actor, e, "adverse_event", std::move(in), clock_);
      event.red_flag_id = flag.id;
      event.id = tx.insert_adverse_event(event);
      tx.append_audit(audit_entry(clock_, actor, e.centre_id, "adverse_event.record", "episode", std::to_string(e.id),
                                  event.category + " " + event.severity + " from red flag " + std::to_string(flag.id)));
      out.event = std::move(event);
    }
    was_open = flag.status == "open";
    if (was_open) {
      flag.acknowledged_by = actor.user;
      flag.acknowledged_role = actor.role == "operator" ? "clinician" : actor.role;
      flag.acknowledged_at = now;
    }
    flag.status = "resolved";
    flag.triage = triage.adverse_event ? "adverse_event" : "not_adverse_event";
    flag.triage_reason = triage.reason;
    flag.assessed_by = actor.user;
    flag.assessed_at = now;
    tx.update_adverse_event(flag);
    tx.append_audit(audit_entry(clock_, actor, flag.centre_id, "red_flag.triage", "adverse_event",
                                std::to_string(flag.id),
                                flag.triage + (out.event ? " " + std::to_string(out.event->id) : "") +
                                    (triage.reason.empty() ? "" : "; reason: " + triage.reason)));
    if (was_open) open = open_count(tx, flag.centre_id);
    out.flag = std::move(flag);
  });
  if (was_open && alerts_)
    alerts_->publish({"red_flag.acknowledged", out.flag.centre_id, out.flag.id, out.flag.episode_id, open});
  return out;
}

store::AdverseEventRow Submissions::assess_adverse_event(const Actor& actor, std::int64_t event_id,
                                                         const AssessmentChange& c, bool* changed) {
  require(actor, Permission::adverse_event_assess);
  if (c.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError("reason", "assessment_change_reason_required"_err);
  if (c.reason.size() > 4000) throw InputError("reason", "too_many_bytes"_err, {{"max", 4000}});
  if (!c.ctcae_grade && !c.serious_reasons && !c.relatedness && !c.outcome)
    throw InputError("ctcae_grade", "assessment_change_empty"_err);
  store::AdverseEventRow r;
  store_.write([&](store::Transaction& tx) {
    r = find_event(tx, actor, event_id, "adverse_event");
    const EventAssessment before = r.assessment;
    EventAssessment after = before;
    if (c.ctcae_grade) after.ctcae_grade = c.ctcae_grade;
    if (c.serious_reasons) after.serious = *c.serious_reasons;
    if (c.relatedness) after.relatedness = c.relatedness;
    if (c.outcome) after.outcome = c.outcome;
    const bool was_serious = r.serious;
    set_assessment(r, std::move(after));
    const EventAssessment& a = r.assessment;
    std::string changes;
    auto note = [&changes](const char* field, const std::string& from, const std::string& to) {
      if (from != to) changes += std::string(changes.empty() ? "" : "; ") + field + ": " + from + " -> " + to;
    };
    note("ctcae_grade", grade_text(before.ctcae_grade), grade_text(a.ctcae_grade));
    note("serious_reasons", reasons_text(before.serious), reasons_text(a.serious));
    note("relatedness", enum_text(before.relatedness), enum_text(a.relatedness));
    note("outcome", enum_text(before.outcome), enum_text(a.outcome));
    const bool same = changes.empty() && was_serious == r.serious;
    if (changed) *changed = !same;
    if (same) return;  // nothing changes: nothing written
    note("serious", was_serious ? "yes" : "no", r.serious ? "yes" : "no");
    r.assessed_by = actor.user;
    r.assessed_at = clock_.now_iso();
    tx.update_adverse_event(r);
    tx.append_audit(audit_entry(clock_, actor, r.centre_id, "adverse_event.assess", "adverse_event",
                                std::to_string(event_id), changes + "; reason: " + c.reason));
  });
  return r;
}

}  // namespace rp::service
