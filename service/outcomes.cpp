// The outcome report use case: who may read it, which centres they see, and the one
// read of the registry it rests on (with its audit row).
#include "service/outcomes.hpp"

#include "base/error.hpp"
#include "domain/outcomes/suppression.hpp"
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

// Small cells (domain/outcomes/suppression.hpp): the operator reads the clinic's own
// records whole; a centre's surgeons and admin their own centre's figures whole and the
// rest as a registry reader; the analyst every figure as a registry reader, as
// /registry/summary answers them (service/registry_summary.cpp).
outcomes::ReportSuppression hidden_from(const Actor& a, const OutcomeReport& report) {
  if (a.all_centres || a.role == Role::operator_) return {};
  if (a.role == Role::analyst) return outcomes::small_cell_suppression(report);
  return outcomes::small_cell_suppression(report, a.centre);
}

// The analyst's report of one centre is the report of every centre cut down to it, so
// that a cell hidden only beside another centre's (secondary suppression) stays hidden
// when the centres are asked for one at a time: the overall scope and the centre's, the
// centre marked as the one shown in the comparisons.
void keep_only_centre(OutcomeReport& report, const std::string& centre) {
  std::vector<ScopeReport> scopes;
  std::vector<outcomes::ScopeSuppression> hidden;
  for (std::size_t k = 0; k < report.scopes.size(); ++k)
    if (k == 0 || report.scopes[k].centre_id == centre) {
      scopes.push_back(std::move(report.scopes[k]));
      hidden.push_back(std::move(report.suppressed.scopes[k]));
    }
  if (scopes.size() < 2) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre}});
  report.scopes = std::move(scopes);
  report.suppressed.scopes = std::move(hidden);
  if (report.funnel)
    for (auto& c : report.funnel->centres) c.own = c.label == centre;
  if (report.cross_centre)
    for (auto* c : {&report.cross_centre->responders, &report.cross_centre->survival})
      for (auto& u : c->units) u.own = u.label == centre;
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
    // Episodes name their protocol as they were opened with it.
    columns = tx.outcome_columns(protocol.id, item_ids, consent_scope(actor));
    if (view.centres.empty()) view.centres = columns.centre_ids;
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "outcomes.report", "registry",
                                request.centre_id.value_or(""), "de-identified aggregates"));
  });
  const bool one_centre_to_analyst = actor.role == Role::analyst && !actor.all_centres && request.centre_id;
  ReportView computed = view;
  if (one_centre_to_analyst) computed.centres = columns.centre_ids;
  OutcomeReport report = compute_outcome_report(columns, in, computed);
  report.protocol = {protocol.id, protocol.version, protocol.title};
  report.survival_title = protocol.outcomes.survival_title;
  report.suppressed = hidden_from(actor, report);
  if (one_centre_to_analyst) keep_only_centre(report, *request.centre_id);
  return report;
}

}  // namespace rp::service
