// Adverse events: staff record an event (with as much of the clinician's assessment as
// is known) and a surgeon grades it later with a reason. Red flags: red_flags.cpp.
// Whether an event is serious is derived from its assessment here, at every write, so the
// outcome report counts what the clinicians recorded.
#include <algorithm>

#include "base/error.hpp"
#include "service/adverse_event_rows.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"
#include "service/idempotency.hpp"
#include "service/submissions.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

using adverse_event_rows::event_row;
using adverse_event_rows::find_event;
using adverse_event_rows::grade_text;
using adverse_event_rows::set_assessment;

std::string reasons_text(const std::vector<SeriousReason>& r) { return r.empty() ? "none" : serious_reasons_text(r); }
template <typename E>
std::string enum_text(const std::optional<E>& v) {
  return v ? std::string(to_string(*v)) : "-";
}

}  // namespace

store::AdverseEventRow Submissions::record_adverse_event(const Actor& actor, std::int64_t episode_id,
                                                         const AdverseEventInput& in) {
  require(actor, Permission::adverse_event_record);
  store::AdverseEventRow r;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    if (const auto earlier = earlier_request(tx, actor)) {
      r = *tx.find_adverse_event(std::stoll(*earlier));
      return;
    }
    const Episode e = visible_episode(tx, actor, episode_id);
    r = event_row(actor, e, "adverse_event", in, clock_);
    r.id = tx.insert_adverse_event(r);
    tx.append_audit(
        audit_entry(clock_, actor, e.centre_id, "adverse_event.record", "episode", std::to_string(episode_id),
                    r.category + " " + r.severity + (r.serious ? " serious" : "") +
                        (r.assessment.ctcae_grade ? " grade " + grade_text(r.assessment.ctcae_grade) : "")));
    remember_request(tx, actor, std::to_string(r.id), r.reported_at);
  });
  return r;
}

std::vector<store::AdverseEventRow> Submissions::adverse_events(const Actor& actor, std::int64_t episode_id) {
  return audited_episode_read(store_, clock_, actor, episode_id, "adverse_event.read",
                              [&](store::Transaction& tx) { return tx.adverse_events_of(episode_id); });
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
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
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
