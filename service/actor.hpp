#pragma once
// Who is doing something: every service call takes an Actor, checks its role and centre,
// and records it in the audit log.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/schedule.hpp"
#include "service/role.hpp"

namespace rp::service {

struct RequestContext;  // service/idempotency.hpp

struct Actor {
  std::string user;
  Role role = Role::anonymous;
  std::string centre;
  // Only the operator at the command line works across centres.
  bool all_centres = false;
  // Set for a patient signed in to the portal (role "patient"): the only record they see.
  std::optional<std::int64_t> patient_id;
  // The request being served, set by the API for a signed-in creating request (its
  // Idempotency-Key); null at the command line and in use cases called directly.
  RequestContext* request = nullptr;

  static Actor cli_operator() { return {"cli", Role::operator_, "", true}; }
  bool sees_centre(std::string_view centre_id) const { return all_centres || centre == centre_id; }
  // De-identified aggregates: the analyst and the operator see every centre's; a centre's
  // own staff only their centre's.
  bool sees_aggregates_of(std::string_view centre_id) const {
    return all_centres || role == Role::analyst || role == Role::operator_ || centre == centre_id;
  }
};

// What each use case allows, by role; the operator may do everything.
enum class Permission {
  patient_create,
  patient_read,
  patient_update,
  episode_create,
  episode_update,
  eligibility_assess,
  schedule_plan,   // set or move the harvest and injection dates
  schedule_mark,   // mark schedule items; which ones, by kind: require_mark
  worklist_close,  // close worklist items as missed, one or many, and reopen them
  audit_verify,
  questionnaire_submit,
  adverse_event_record,
  adverse_event_assess,
  red_flag_review,
  link_issue,
  registry_read,
  account_admin,
  centre_licence,  // a centre's licence status: the registry, never the centre itself
  // Reads and sessions, named for the API's routes (api/http/router.hpp Route::access).
  session_own,         // sign out, who am I: every staff role and the patient
  episode_read,        // episodes, schedules, questionnaires, adverse events of the centre
  protocol_read,       // the treatment protocols
  centre_read,         // the centres' names and licence status
  worklist_read,       // the centre's worklist and its closed items
  audit_read,          // the audit log, who saw a record
  reports_read,        // outcome reports of the centre
  portal_own,          // a patient's own record in the portal
  wording_load,        // load an instrument's wording
  episode_transition,  // move an episode on; which steps, by target state: require_transition
  centre_edit,         // a centre's names, city and phone
  education_edit,      // write the centre's education pages and FAQ (its admin publishes them)
  payment_record,      // agree a patient's payment plan and record the payments received
  evidence_edit,       // write the published evidence kept beside the claims (network-wide)
  consent_edit,        // write the centre's informed-consent documents (its admin publishes them)
  consent_witness,     // see the centre's patients' signed consents, countersign them, withdraw one for a patient
  records_export,      // the centre's records, identified, in bulk for another system (FHIR NDJSON)
  records_import,      // another system's records taken in (FHIR NDJSON): the operator only
  imaging_link,        // link a patient to the imaging archive's patient (and look for them there)
  imaging_grade,       // record the radiographic grades read on a study
};

// The one permission table (actor.cpp) decides: whether `role` may do `p` (the operator
// may do everything), and the roles the table grants `p` to (the operator, who works at
// the command line and never signs in over HTTP, is not listed), for the route table,
// the OpenAPI document and the role matrix test.
bool allows(Role role, Permission p);
std::vector<Role> roles_with(Permission p);
// Throws ForbiddenError naming the permission when the role lacks it.
void require(const Actor& actor, Permission p);
// The same roles as text, as the API documents them.
std::vector<std::string> role_names_with(Permission p);
// The permission's identifier as the API documents it ("patient_read").
std::string_view permission_name(Permission p);
// The permission an identifier names, if any.
std::optional<Permission> permission_named(std::string_view name);
// Every role the permission table names (the operator aside), in the table's order.
std::vector<std::string> all_roles();
// Marking a schedule item is permitted by the item's kind and the status given: a
// procedure (harvest, lab processing, injection) is marked done by the surgeon who did it
// and re-booked (missed, cancelled, planned) by the surgeon or the coordinator; the
// physiotherapist marks the rehab stages and visits they run. Throws ForbiddenError.
void require_mark(const Actor& actor, std::string_view item_kind, ItemStatus status);

// Which identifying fields of a patient a role is shown. The national id and mobile
// number are for those who register, correct and contact patients (admin, coordinator,
// surgeon); the lab identifies a patient by record number, name and birth date, the
// physiotherapist too, and sees the mobile on the one patient's record (to arrange
// sessions), never in a list.
struct IdentifierAccess {
  bool national_id = false;
  bool mobile = false;
};
enum class PatientView { search_results, record };
IdentifierAccess identifiers_shown(const Actor& actor, PatientView view);

// Transitions are permitted by target state (the lab releases products, the surgeon
// injects, ...). Throws ForbiddenError.
void require_transition(const Actor& actor, std::string_view to_state);
// The roles that may move an episode to `to_state` (empty: none), for an app to offer
// only the steps the signed-in role can take.
std::vector<std::string> roles_for_transition(std::string_view to_state);

}  // namespace rp::service
