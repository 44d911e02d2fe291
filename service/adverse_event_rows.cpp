#include "service/adverse_event_rows.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace rp::service::adverse_event_rows {
namespace {

bool has_any(const EventAssessment& a) { return a.ctcae_grade || !a.serious.empty() || a.relatedness || a.outcome; }

void check_text(const std::string& field, const std::string& value, std::size_t max) {
  if (value.empty()) throw InputError(field, "required"_err);
  if (value.size() > max) throw InputError(field, "too_many_bytes"_err, {{"max", std::to_string(max)}});
}

}  // namespace

void set_assessment(store::AdverseEventRow& r, EventAssessment a) {
  validate_assessment(a);
  r.serious = a.is_serious();
  r.assessment = std::move(a);
}

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
  r.role = to_string(actor.role);
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

}  // namespace rp::service::adverse_event_rows
