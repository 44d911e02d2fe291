// Red flags: a patient reports one (unusual pain, swelling, redness, fever) and it
// reaches the clinic at once; a clinician acknowledges it with what was done, then
// triages it as an adverse event (recorded from it and linked to it) or not, with why.
#include <algorithm>

#include "base/error.hpp"
#include "service/adverse_event_rows.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"
#include "service/idempotency.hpp"
#include "service/messaging/on_call_alert.hpp"
#include "service/patient_access.hpp"
#include "service/submissions.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

using adverse_event_rows::event_row;
using adverse_event_rows::find_event;
using adverse_event_rows::open_count;

}  // namespace

store::AdverseEventRow Submissions::report_red_flag(const Actor& patient, std::int64_t episode_id,
                                                    const AdverseEventInput& in) {
  if (patient.role != Role::patient) throw ForbiddenError("role", "red_flags_by_patient"_err);
  store::AdverseEventRow r;
  std::int64_t open = 0;
  bool replayed = false;
  store_.write(record_scope(patient), [&](store::Transaction& tx) {
    if (const auto earlier = earlier_request(tx, patient)) {
      r = *tx.find_adverse_event(std::stoll(*earlier));
      replayed = true;
      return;
    }
    const Episode e = visible_episode(tx, patient, episode_id);
    r = event_row(patient, e, "red_flag", in, clock_);
    r.id = tx.insert_adverse_event(r);
    tx.append_audit(audit_entry(clock_, patient, e.centre_id, "red_flag.report", "episode", std::to_string(episode_id),
                                r.category + " " + r.severity));
    remember_request(tx, patient, std::to_string(r.id), r.reported_at);
    open = open_count(tx, e.centre_id);
    // The on-call clinician's SMS, queued with the flag (sent by the scheduler's next pass).
    const auto centre = tx.find_centre(e.centre_id);
    const auto who = tx.find_patient(e.patient_id);
    if (centre && who && messaging::queue_on_call_alert(tx, *centre, *who, r.id, r.reported_at, clock_.now_ms()))
      tx.append_audit(audit_entry(clock_, patient, e.centre_id, "message.on_call", "adverse_event",
                                  std::to_string(r.id), "queued for the on-call clinician"));
  });
  // A retry raised nothing new: the clinic was alerted by the first report.
  if (alerts_ && !replayed) alerts_->publish({"red_flag.raised", r.centre_id, r.id, r.episode_id, open});
  return r;
}

std::vector<OpenRedFlag> Submissions::open_red_flags(const Actor& actor) {
  require(actor, Permission::red_flag_review);
  const bool mobile = identifiers_shown(actor, PatientView::search_results).mobile;
  std::vector<OpenRedFlag> out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
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
  std::string role(to_string(actor.role));
  if (actor.role == Role::operator_) {
    if (!ack.role.empty() && ack.role != "surgeon" && ack.role != "coordinator" && ack.role != "physiotherapist")
      throw InputError("role", "not_a_clinical_role"_err);
    role = ack.role.empty() ? "clinician" : ack.role;
  }
  store::AdverseEventRow r;
  std::int64_t open = 0;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
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
  require_portal_patient(patient);
  std::vector<store::AdverseEventRow> out;
  store_.write(record_scope(patient), [&](store::Transaction& tx) {
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
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
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
      flag.acknowledged_role = actor.role == Role::operator_ ? "clinician" : to_string(actor.role);
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

}  // namespace rp::service
