// The outcome report use case: who may read it, which centres they see, and the one
// read of the registry it rests on (with its audit row).
#include "service/outcomes.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

bool sees_every_centre(const Actor& a) { return a.all_centres || a.role == Role::analyst || a.role == Role::operator_; }

// Which patients who withdrew registry consent count (store::ConsentScope): the analyst
// reads registry figures, so none; a centre's surgeons and admins their own centre's (the
// care they give), never another centre's; the operator the clinic's own records, all.
store::ConsentScope consent_scope(const Actor& a) {
  if (a.all_centres || a.role == Role::operator_) return store::ConsentScope::everyone();
  if (a.role == Role::analyst) return store::ConsentScope::registry();
  return store::ConsentScope::centre_staff(a.centre);
}

void require_report_role(const Actor& a) {
  if (sees_every_centre(a) || a.role == Role::surgeon || a.role == Role::admin) return;
  throw ForbiddenError("role", "role_may_not_read_outcomes"_err, {{"role", std::string(to_string(a.role))}});
}

}  // namespace

OutcomeReport Outcomes::report(const Actor& actor, const OutcomeRequest& request) {
  require_report_role(actor);
  // From the catalogue loaded at start: the request's text never names a file.
  const CatalogueEntry& entry = catalogue_entry(request.protocol);
  const Protocol& protocol = *entry.protocol;
  ClaimSet claims = entry.claims.value_or(ClaimSet{});
  if (request.claims) {
    check_claims(*request.claims, protocol, "claims");
    claims = *request.claims;
  }
  OutcomeInputs in = outcome_inputs(protocol, std::move(claims), clock_.today(), responder_thresholds());

  ReportView view;
  view.name_other_centres = sees_every_centre(actor);
  if (request.centre_id) {
    if (!actor.sees_centre(*request.centre_id) && !sees_every_centre(actor))
      throw ForbiddenError("centre", "own_centre_report_only"_err);
    view.centres.push_back(*request.centre_id);
  } else if (!sees_every_centre(actor)) {
    view.centres.push_back(actor.centre);
  }
  // The comparison by injecting operator is the centre's own business: its surgeons and
  // admin see their centre's, the analyst (and anyone reading every centre) never.
  if (!sees_every_centre(actor) && (actor.role == Role::surgeon || actor.role == Role::admin))
    view.operators_of = actor.centre;

  store::OutcomeColumns columns;
  std::vector<std::string> item_ids;
  for (const TimePoint& t : in.time_points) item_ids.push_back(t.item_id);
  store_.write([&](store::Transaction& tx) {
    if (request.centre_id && !tx.find_centre(*request.centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", *request.centre_id}});
    // The joints changed since the last report are stored afresh first (a write as short
    // as the changes); the read is exact either way (store/outcome_rows.hpp).
    tx.refresh_outcome_rows();
    // Episodes name their protocol as they were opened with it.
    columns = tx.outcome_columns(protocol.id, item_ids, consent_scope(actor));
    if (view.centres.empty()) view.centres = columns.centre_ids;
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "outcomes.report", "registry",
                                request.centre_id.value_or(""), "de-identified aggregates"));
  });
  OutcomeReport report = compute_outcome_report(columns, in, view);
  report.protocol = {protocol.id, protocol.version, protocol.title};
  report.survival_title = protocol.outcomes.survival_title;
  return report;
}

}  // namespace rp::service
