#include "service/actor.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "base/error.hpp"

namespace rp::service {
namespace {

using Roles = std::vector<std::string_view>;

const std::map<Permission, Roles>& permission_table() {
  static const std::map<Permission, Roles> table{
      {Permission::patient_create, {"admin", "coordinator", "surgeon"}},
      {Permission::patient_read, {"admin", "coordinator", "surgeon", "lab", "physiotherapist"}},
      {Permission::patient_update, {"admin", "coordinator", "surgeon"}},
      {Permission::episode_create, {"coordinator", "surgeon"}},
      {Permission::episode_update, {"coordinator", "surgeon"}},
      {Permission::eligibility_assess, {"surgeon"}},
      // Planning moves the procedures and every date derived from them: the clinicians
      // who book them. The physiotherapist marks what they run (require_mark).
      {Permission::schedule_plan, {"coordinator", "surgeon"}},
      {Permission::schedule_mark, {"coordinator", "surgeon", "physiotherapist"}},
      // Giving up on a follow-up is the coordinator's call (they chase visits and
      // surveys) or the surgeon's, as booking is.
      {Permission::worklist_close, {"coordinator", "surgeon"}},
      {Permission::audit_verify, {"admin"}},
      {Permission::questionnaire_submit, {"coordinator", "surgeon", "physiotherapist"}},
      {Permission::adverse_event_record, {"surgeon", "coordinator", "physiotherapist"}},
      {Permission::adverse_event_assess, {"surgeon"}},
      {Permission::red_flag_review, {"surgeon", "coordinator", "physiotherapist"}},
      {Permission::link_issue, {"coordinator", "surgeon"}},
      {Permission::registry_read, {"analyst", "admin"}},
      {Permission::account_admin, {"admin"}},
      // The body that licenses centres keeps their status; a centre's own admin cannot.
      {Permission::centre_licence, {"registry"}},
      // Reads and sessions the API's routes name.
      {Permission::session_own, {"admin", "surgeon", "coordinator", "lab", "physiotherapist", "analyst", "patient"}},
      {Permission::episode_read, {"admin", "surgeon", "coordinator", "lab", "physiotherapist"}},
      {Permission::protocol_read, {"admin", "surgeon", "coordinator", "lab", "physiotherapist", "analyst"}},
      {Permission::centre_read, {"admin", "surgeon", "coordinator", "lab", "physiotherapist", "analyst", "registry"}},
      {Permission::worklist_read, {"admin", "surgeon", "coordinator", "lab", "physiotherapist"}},
      {Permission::audit_read, {"admin"}},
      {Permission::reports_read, {"admin", "analyst", "surgeon"}},
      {Permission::portal_own, {"patient"}},
      {Permission::wording_load, {"admin"}},
      {Permission::episode_transition, {"coordinator", "surgeon", "lab"}},
      {Permission::centre_edit, {"admin"}},
  };
  return table;
}

const std::map<std::string_view, Roles>& transition_table() {
  static const std::map<std::string_view, Roles> table{
      {"screening", {"coordinator", "surgeon"}},
      {"eligible", {"surgeon"}},
      {"ineligible", {"surgeon"}},
      {"workup", {"coordinator", "surgeon"}},
      {"scheduled", {"coordinator", "surgeon"}},
      {"harvested", {"surgeon", "lab"}},
      {"product_released", {"lab"}},
      {"injected", {"surgeon"}},
      {"follow_up", {"coordinator", "surgeon"}},
      {"completed", {"coordinator", "surgeon"}},
      {"converted_to_thr", {"surgeon"}},
      {"withdrawn", {"coordinator", "surgeon"}},
      {"lost_to_follow_up", {"coordinator", "surgeon"}},
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
      {"procedure", {"surgeon"}, {"coordinator"}},
      {"visit", {"coordinator", "surgeon", "physiotherapist"}, {}},
      {"rehab", {"coordinator", "surgeon", "physiotherapist"}, {}},
  };
  return table;
}

bool listed(const Roles& roles, std::string_view role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

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
  }
  return "?";
}

}  // namespace

void require(const Actor& actor, Permission p) {
  if (actor.role == "operator") return;
  const Roles& roles = permission_table().at(p);
  if (std::find(roles.begin(), roles.end(), actor.role) == roles.end()) {
    throw ForbiddenError("role", "role '" + actor.role + "' may not " + name(p));
  }
}

std::vector<std::string> roles_with(Permission p) {
  const Roles& roles = permission_table().at(p);
  return {roles.begin(), roles.end()};
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
      if (std::find(out.begin(), out.end(), role) == out.end()) out.emplace_back(role);
  return out;
}

void require_mark(const Actor& actor, std::string_view item_kind, ItemStatus status) {
  require(actor, Permission::schedule_mark);
  if (actor.role == "operator") return;
  static const MarkRule kOthers{"", {"coordinator", "surgeon"}, {}};
  const auto& table = mark_table();
  const auto it = std::find_if(table.begin(), table.end(), [&](const MarkRule& r) { return r.kind == item_kind; });
  const MarkRule& rule = it == table.end() ? kOthers : *it;
  if (listed(rule.any, actor.role) || (status != ItemStatus::done && listed(rule.booking, actor.role))) return;
  throw ForbiddenError("role", "role '" + actor.role + "' may not mark a " + std::string(item_kind) + " " +
                                   std::string(to_string(status)));
}

IdentifierAccess identifiers_shown(const Actor& actor, PatientView view) {
  if (actor.role == "operator" || actor.role == "admin" || actor.role == "coordinator" || actor.role == "surgeon")
    return {true, true};
  if (actor.role == "physiotherapist") return {false, view == PatientView::record};
  return {};
}

std::vector<std::string> roles_for_transition(std::string_view to_state) {
  const auto it = transition_table().find(to_state);
  if (it == transition_table().end()) return {};
  return {it->second.begin(), it->second.end()};
}

void require_transition(const Actor& actor, std::string_view to_state) {
  if (actor.role == "operator") return;
  const auto it = transition_table().find(to_state);
  if (it == transition_table().end() ||
      std::find(it->second.begin(), it->second.end(), actor.role) == it->second.end()) {
    throw ForbiddenError("role", "role '" + actor.role + "' may not move an episode to " + std::string(to_state));
  }
}

}  // namespace rp::service
