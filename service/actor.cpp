#include "service/actor.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "base/error.hpp"

namespace rp::service {
namespace {

using Roles = std::vector<Role>;
using R = Role;

const std::map<Permission, Roles>& permission_table() {
  static const std::map<Permission, Roles> table{
      {Permission::patient_create, {R::admin, R::coordinator, R::surgeon}},
      {Permission::patient_read, {R::admin, R::coordinator, R::surgeon, R::lab, R::physiotherapist}},
      {Permission::patient_update, {R::admin, R::coordinator, R::surgeon}},
      {Permission::episode_create, {R::coordinator, R::surgeon}},
      {Permission::episode_update, {R::coordinator, R::surgeon}},
      {Permission::eligibility_assess, {R::surgeon}},
      // Planning moves the procedures and every date derived from them: the clinicians
      // who book them. The physiotherapist marks what they run (require_mark).
      {Permission::schedule_plan, {R::coordinator, R::surgeon}},
      {Permission::schedule_mark, {R::coordinator, R::surgeon, R::physiotherapist}},
      // Giving up on a follow-up is the coordinator's call (they chase visits and
      // surveys) or the surgeon's, as booking is.
      {Permission::worklist_close, {R::coordinator, R::surgeon}},
      {Permission::audit_verify, {R::admin}},
      {Permission::questionnaire_submit, {R::coordinator, R::surgeon, R::physiotherapist}},
      {Permission::adverse_event_record, {R::surgeon, R::coordinator, R::physiotherapist}},
      {Permission::adverse_event_assess, {R::surgeon}},
      {Permission::red_flag_review, {R::surgeon, R::coordinator, R::physiotherapist}},
      {Permission::link_issue, {R::coordinator, R::surgeon}},
      {Permission::registry_read, {R::analyst, R::admin}},
      {Permission::account_admin, {R::admin}},
      // The body that licenses centres keeps their status; a centre's own admin cannot.
      {Permission::centre_licence, {R::registry}},
      // Reads and sessions the API's routes name.
      {Permission::session_own,
       {R::admin, R::surgeon, R::coordinator, R::lab, R::physiotherapist, R::analyst, R::patient}},
      {Permission::episode_read, {R::admin, R::surgeon, R::coordinator, R::lab, R::physiotherapist}},
      {Permission::protocol_read, {R::admin, R::surgeon, R::coordinator, R::lab, R::physiotherapist, R::analyst}},
      {Permission::centre_read,
       {R::admin, R::surgeon, R::coordinator, R::lab, R::physiotherapist, R::analyst, R::registry}},
      {Permission::worklist_read, {R::admin, R::surgeon, R::coordinator, R::lab, R::physiotherapist}},
      {Permission::audit_read, {R::admin}},
      {Permission::reports_read, {R::admin, R::analyst, R::surgeon}},
      {Permission::portal_own, {R::patient}},
      {Permission::wording_load, {R::admin}},
      {Permission::episode_transition, {R::coordinator, R::surgeon, R::lab}},
      {Permission::centre_edit, {R::admin}},
      {Permission::education_edit, {R::admin, R::surgeon, R::coordinator, R::physiotherapist}},
      {Permission::payment_record, {R::admin, R::coordinator}},
      {Permission::evidence_edit, {R::admin, R::surgeon}},
      {Permission::consent_edit, {R::admin, R::surgeon}},
      // The surgeon who explains the treatment, or the coordinator who sits with the
      // patient as they sign, witnesses it; the admin keeps the records.
      {Permission::consent_witness, {R::admin, R::surgeon, R::coordinator}},
      // Every record of the centre with names and ids, for the hospital's own systems: the
      // admin who answers for the centre's data, never a clinician's day-to-day account.
      {Permission::records_export, {R::admin}},
      // Records of any centre, made at the command line from another system's files.
      {Permission::records_import, {}},
      // Those who register patients and book their imaging link them to the archive; the
      // surgeon reads the films.
      {Permission::imaging_link, {R::coordinator, R::surgeon}},
      {Permission::imaging_grade, {R::surgeon}},
  };
  return table;
}

const std::map<std::string_view, Roles>& transition_table() {
  static const std::map<std::string_view, Roles> table{
      {"screening", {R::coordinator, R::surgeon}},
      {"eligible", {R::surgeon}},
      {"ineligible", {R::surgeon}},
      {"workup", {R::coordinator, R::surgeon}},
      {"scheduled", {R::coordinator, R::surgeon}},
      {"harvested", {R::surgeon, R::lab}},
      {"product_released", {R::lab}},
      {"injected", {R::surgeon}},
      {"follow_up", {R::coordinator, R::surgeon}},
      {"completed", {R::coordinator, R::surgeon}},
      {"converted_to_thr", {R::surgeon}},
      {"withdrawn", {R::coordinator, R::surgeon}},
      {"lost_to_follow_up", {R::coordinator, R::surgeon}},
  };
  return table;
}

// Who marks an item of each kind: `any` with any status, `booking` only as planned,
// missed or cancelled (not done). Kinds not listed: the coordinator and the surgeon.
struct MarkRule {
  std::string_view kind;
  Roles any, booking;
};

const std::vector<MarkRule>& mark_table() {
  static const std::vector<MarkRule> table{
      {"procedure", {R::surgeon}, {R::coordinator}},
      {"visit", {R::coordinator, R::surgeon, R::physiotherapist}, {}},
      {"rehab", {R::coordinator, R::surgeon, R::physiotherapist}, {}},
  };
  return table;
}

bool listed(const Roles& roles, Role role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

const char* name(Permission p) {
  switch (p) {
    case Permission::patient_create:
      return "create patients";
    case Permission::patient_read:
      return "read patient records";
    case Permission::patient_update:
      return "correct patient details";
    case Permission::episode_create:
      return "create episodes";
    case Permission::episode_update:
      return "update episodes";
    case Permission::eligibility_assess:
      return "assess eligibility";
    case Permission::schedule_plan:
      return "plan the harvest and injection";
    case Permission::schedule_mark:
      return "mark schedule items";
    case Permission::worklist_close:
      return "close worklist items as missed";
    case Permission::audit_verify:
      return "verify the audit log";
    case Permission::questionnaire_submit:
      return "submit questionnaires";
    case Permission::adverse_event_record:
      return "record adverse events";
    case Permission::adverse_event_assess:
      return "grade adverse events";
    case Permission::red_flag_review:
      return "review red flags";
    case Permission::link_issue:
      return "issue questionnaire links";
    case Permission::registry_read:
      return "read registry aggregates";
    case Permission::account_admin:
      return "administer accounts";
    case Permission::centre_licence:
      return "set a centre's licence status";
    case Permission::session_own:
      return "use a session";
    case Permission::episode_read:
      return "read episodes";
    case Permission::protocol_read:
      return "read protocols";
    case Permission::centre_read:
      return "read centres";
    case Permission::worklist_read:
      return "read the worklist";
    case Permission::audit_read:
      return "read the audit log";
    case Permission::reports_read:
      return "read outcome reports";
    case Permission::portal_own:
      return "read their own record";
    case Permission::wording_load:
      return "load instrument wordings";
    case Permission::episode_transition:
      return "move episodes";
    case Permission::centre_edit:
      return "edit centres";
    case Permission::education_edit:
      return "write education pages";
    case Permission::payment_record:
      return "record payments";
    case Permission::evidence_edit:
      return "write the published evidence";
    case Permission::consent_edit:
      return "write consent documents";
    case Permission::consent_witness:
      return "witness signed consents";
    case Permission::records_export:
      return "export the centre's records";
    case Permission::records_import:
      return "import records";
    case Permission::imaging_link:
      return "link patients to the imaging archive";
    case Permission::imaging_grade:
      return "record radiographic grades";
  }
  return "?";
}

}  // namespace

bool allows(Role role, Permission p) { return role == Role::operator_ || listed(permission_table().at(p), role); }

std::vector<Role> roles_with(Permission p) { return permission_table().at(p); }

void require(const Actor& actor, Permission p) {
  if (!allows(actor.role, p))
    throw ForbiddenError("role", "role_may_not"_err,
                         {{"role", std::string(to_string(actor.role))}, {"action", name(p)}});
}

std::vector<std::string> role_names_with(Permission p) {
  std::vector<std::string> out;
  for (const Role role : permission_table().at(p)) out.emplace_back(to_string(role));
  return out;
}

static const std::map<Permission, std::string_view>& permission_names() {
  static const std::map<Permission, std::string_view> names{
      {Permission::patient_create, "patient_create"},
      {Permission::patient_read, "patient_read"},
      {Permission::patient_update, "patient_update"},
      {Permission::episode_create, "episode_create"},
      {Permission::episode_update, "episode_update"},
      {Permission::eligibility_assess, "eligibility_assess"},
      {Permission::schedule_plan, "schedule_plan"},
      {Permission::schedule_mark, "schedule_mark"},
      {Permission::worklist_close, "worklist_close"},
      {Permission::audit_verify, "audit_verify"},
      {Permission::questionnaire_submit, "questionnaire_submit"},
      {Permission::adverse_event_record, "adverse_event_record"},
      {Permission::adverse_event_assess, "adverse_event_assess"},
      {Permission::red_flag_review, "red_flag_review"},
      {Permission::link_issue, "link_issue"},
      {Permission::registry_read, "registry_read"},
      {Permission::account_admin, "account_admin"},
      {Permission::centre_licence, "centre_licence"},
      {Permission::session_own, "session_own"},
      {Permission::episode_read, "episode_read"},
      {Permission::protocol_read, "protocol_read"},
      {Permission::centre_read, "centre_read"},
      {Permission::worklist_read, "worklist_read"},
      {Permission::audit_read, "audit_read"},
      {Permission::reports_read, "reports_read"},
      {Permission::portal_own, "portal_own"},
      {Permission::wording_load, "wording_load"},
      {Permission::episode_transition, "episode_transition"},
      {Permission::centre_edit, "centre_edit"},
      {Permission::education_edit, "education_edit"},
      {Permission::payment_record, "payment_record"},
      {Permission::evidence_edit, "evidence_edit"},
      {Permission::consent_edit, "consent_edit"},
      {Permission::consent_witness, "consent_witness"},
      {Permission::records_export, "records_export"},
      {Permission::records_import, "records_import"},
      {Permission::imaging_link, "imaging_link"},
      {Permission::imaging_grade, "imaging_grade"},
  };
  return names;
}

std::string_view permission_name(Permission p) { return permission_names().at(p); }

std::optional<Permission> permission_named(std::string_view name) {
  for (const auto& [p, n] : permission_names())
    if (n == name) return p;
  return std::nullopt;
}

std::vector<std::string> all_roles() {
  std::vector<std::string> out;
  for (const auto& [permission, roles] : permission_table())
    for (const auto role : roles)
      if (std::find(out.begin(), out.end(), to_string(role)) == out.end()) out.emplace_back(to_string(role));
  return out;
}

void require_mark(const Actor& actor, std::string_view item_kind, ItemStatus status) {
  require(actor, Permission::schedule_mark);
  if (actor.role == Role::operator_) return;
  static const MarkRule kOthers{"", {R::coordinator, R::surgeon}, {}};
  const auto& table = mark_table();
  const auto it = std::find_if(table.begin(), table.end(), [&](const MarkRule& r) { return r.kind == item_kind; });
  const MarkRule& rule = it == table.end() ? kOthers : *it;
  if (listed(rule.any, actor.role) || (status != ItemStatus::done && listed(rule.booking, actor.role))) return;
  throw ForbiddenError("role", "role_may_not"_err,
                       {{"role", std::string(to_string(actor.role))},
                        {"action", "mark a " + std::string(item_kind) + " " + std::string(to_string(status))}});
}

IdentifierAccess identifiers_shown(const Actor& actor, PatientView view) {
  switch (actor.role) {
    case Role::operator_:
    case Role::admin:
    case Role::coordinator:
    case Role::surgeon:
      return {true, true};
    case Role::physiotherapist:
      return {false, view == PatientView::record};
    default:
      return {};
  }
}

std::vector<std::string> roles_for_transition(std::string_view to_state) {
  const auto it = transition_table().find(to_state);
  if (it == transition_table().end()) return {};
  std::vector<std::string> out;
  for (const Role r : it->second) out.emplace_back(to_string(r));
  return out;
}

void require_transition(const Actor& actor, std::string_view to_state) {
  if (actor.role == Role::operator_) return;
  const auto it = transition_table().find(to_state);
  if (it == transition_table().end() || !listed(it->second, actor.role)) {
    throw ForbiddenError("role", "role_may_not_transition"_err,
                         {{"role", std::string(to_string(actor.role))}, {"to", std::string(to_state)}});
  }
}

}  // namespace rp::service
