// The outcome report use case: who may read it, which centres they see, the read's audit
// row, and the one snapshot of the registry it rests on (kept rendered per generation).
#include "service/outcomes.hpp"

#include <chrono>

#include "base/error.hpp"
#include "domain/outcomes/suppression.hpp"
#include "service/audit_entry.hpp"
#include "service/outcome_rows_keeper.hpp"
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

// What a rendered report depends on besides the data: the protocol, the day (follow-up
// runs to today), the centre asked for, and who reads (their role and centre decide the
// centres named, the operators compared, whose withdrawn consent counts, and which small
// cells are hidden), and the rendering's own variant.
std::string cache_key(const Actor& actor, const OutcomeRequest& request, const CivilDate& today,
                      const std::string& variant) {
  const char sep = '\x1f';
  std::string key = request.protocol + sep + today.iso() + sep + request.centre_id.value_or("*") + sep;
  key += std::string(to_string(actor.role)) + sep + (actor.all_centres ? "*" : actor.centre) + sep + variant;
  return key;
}

}  // namespace

namespace {

// The time one report spends at most storing the joints marked since the background
// keeper's last pass (service/outcome_rows_keeper.hpp); the read computes any left,
// exactly, in its snapshot.
constexpr auto kRefreshPerReport = std::chrono::milliseconds(600);

}  // namespace

void Outcomes::refresh_changed_joints() {
  // Stored before the snapshot is taken, so that its read finds them ready, a batch per
  // write of about 5 ms: no other request's write waits behind more than one.
  std::size_t batch = kFirstRefreshBatch;
  refresh_marked_joints(store_, kRefreshPerReport, batch);
}

Outcomes::Prepared Outcomes::prepare(const Actor& actor, const OutcomeRequest& request) const {
  require_report_role(actor);
  // From the catalogue loaded at start: the request's text never names a file.
  const CatalogueEntry& entry = catalogue_entry(request.protocol);
  Prepared p{*entry.protocol, {}, {}, consent_scope(actor), {}};
  ClaimSet claims = entry.claims.value_or(ClaimSet{});
  if (request.claims) {
    check_claims(*request.claims, p.protocol, "claims");
    claims = *request.claims;
  }
  p.in = outcome_inputs(p.protocol, std::move(claims), clock_.today(), responder_thresholds());
  p.view.name_other_centres = sees_every_centre(actor);
  if (request.centre_id) {
    if (!actor.sees_centre(*request.centre_id) && !sees_every_centre(actor))
      throw ForbiddenError("centre", "own_centre_report_only"_err);
    p.view.centres.push_back(*request.centre_id);
  } else if (!sees_every_centre(actor)) {
    p.view.centres.push_back(actor.centre);
  }
  // The comparison by injecting operator is the centre's own business: its surgeons and
  // admin see their centre's, the analyst (and anyone reading every centre) never.
  if (!sees_every_centre(actor) && (actor.role == Role::surgeon || actor.role == Role::admin))
    p.view.operators_of = actor.centre;
  for (const TimePoint& t : p.in.time_points) p.item_ids.push_back(t.item_id);
  return p;
}

void Outcomes::audit_read(const Actor& actor, const OutcomeRequest& request) {
  // The audit row is written first, in a short write of its own, and is durable before
  // the snapshot is read: no figure can be answered without its row (a read that then
  // fails leaves a row, which the audit rules allow), and the long read never holds the
  // write lock. An unknown centre is refused here, before the audit row is written.
  refresh_changed_joints();
  store_.write([&](store::Transaction& tx) {
    if (request.centre_id && !tx.find_centre(*request.centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", *request.centre_id}});
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "outcomes.report", "registry",
                                request.centre_id.value_or(""), "de-identified aggregates"));
  });
}

OutcomeReport Outcomes::compute(const Actor& actor, const OutcomeRequest& request, Prepared& p) {
  store::OutcomeColumns columns;
  // Every centre's rows: the overall figures count them all; the view decides what is named.
  store_.snapshot([&](store::Transaction& tx) {
    // Episodes name their protocol as they were opened with it.
    columns = tx.outcome_columns(p.protocol.id, p.item_ids, p.consent);
    HeavyReads::inside_read(heavy_);
  });
  if (p.view.centres.empty()) p.view.centres = columns.centre_ids;
  const bool one_centre_to_analyst = actor.role == Role::analyst && !actor.all_centres && request.centre_id;
  ReportView computed = p.view;
  if (one_centre_to_analyst) computed.centres = columns.centre_ids;
  OutcomeReport report = compute_outcome_report(columns, p.in, computed);
  report.protocol = {p.protocol.id, p.protocol.version, p.protocol.title};
  report.survival_title = p.protocol.outcomes.survival_title;
  report.suppressed = hidden_from(actor, report);
  if (one_centre_to_analyst) keep_only_centre(report, *request.centre_id);
  return report;
}

OutcomeReport Outcomes::report(const Actor& actor, const OutcomeRequest& request) {
  Prepared p = prepare(actor, request);
  audit_read(actor, request);
  const HeavyReads::Slot slot = HeavyReads::enter(heavy_);
  return slot.run([&] { return compute(actor, request, p); });
}

RenderedOutcomes Outcomes::rendered_report(const Actor& actor, const OutcomeRequest& request,
                                           const std::string& variant,
                                           const std::function<std::string(const OutcomeReport&)>& render) {
  Prepared p = prepare(actor, request);
  audit_read(actor, request);
  // Read after the audit row's write, which on SQLite also notices commits made by other
  // connections: the generation is then at least that of any data the row could vouch for.
  const auto generation = store_.data_generation();
  // The operator's own claims (the command line) are not kept: they vary with the file.
  const bool cacheable = heavy_ && generation && !request.claims;
  const std::string key = cacheable ? cache_key(actor, request, clock_.today(), variant) : "";
  if (cacheable) {
    if (auto body = heavy_->reports().find(key, *generation)) return {std::move(body), true};
  }
  const HeavyReads::Slot slot = HeavyReads::enter(heavy_);
  // Another request for the same report may have computed it while this one waited.
  if (cacheable) {
    if (auto body = heavy_->reports().find(key, *generation)) return {std::move(body), true};
  }
  auto body = slot.run([&] { return std::make_shared<const CompressibleText>(render(compute(actor, request, p))); });
  if (cacheable) heavy_->reports().put(key, *generation, body);
  return {std::move(body), false};
}

std::shared_ptr<const PublicClaims> Outcomes::public_claims(const std::string& centre_id, const std::string& protocol) {
  // Read as a registry reader reads one centre: the same consent scope and small cells.
  const Actor reader{"public", Role::analyst, ""};
  OutcomeRequest request;
  request.centre_id = centre_id;
  request.protocol = protocol;
  Prepared p = prepare(reader, request);
  store_.read([&](store::Transaction& tx) {
    if (!tx.find_centre(centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
  });
  const auto generation = store_.data_generation();
  const char sep = '\x1f';
  const std::string key = protocol + sep + clock_.today().iso() + sep + centre_id;
  if (heavy_ && generation) {
    if (auto hit = heavy_->public_claims().find(key, *generation, clock_.now_ms())) return hit;
  }
  auto out = std::make_shared<PublicClaims>();
  out->claims = p.in.claims;
  out->computed_at = clock_.now_iso();
  if (!out->claims.claims.empty()) {
    const HeavyReads::Slot slot = HeavyReads::enter(heavy_);
    OutcomeReport report = slot.run([&] { return compute(reader, request, p); });
    for (std::size_t k = 0; k < report.scopes.size(); ++k)
      if (report.scopes[k].centre_id == centre_id) {
        out->results = std::move(report.scopes[k].claims);
        out->hidden = report.suppressed.scopes[k].claims;
      }
  }
  if (heavy_ && generation) heavy_->public_claims().put(key, *generation, clock_.now_ms(), out);
  return out;
}

}  // namespace rp::service
