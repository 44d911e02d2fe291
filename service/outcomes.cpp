// The outcome report use case: who may read it, which centres they see, and the one
// read of the registry it rests on (with its audit row).
#include "service/outcomes.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

std::string read_file(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NotFoundError(field, "cannot read '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool sees_every_centre(const Actor& a) { return a.all_centres || a.role == "analyst" || a.role == "operator"; }

void require_report_role(const Actor& a) {
  if (sees_every_centre(a) || a.role == "surgeon" || a.role == "admin") return;
  throw ForbiddenError("role", "the role '" + a.role + "' may not read the outcome report");
}

}  // namespace

OutcomeReport Outcomes::report(const Actor& actor, const OutcomeRequest& request) {
  require_report_role(actor);
  OutcomeInputs in;
  in.as_of = clock_.today();
  const auto protocol = load_protocol(request.protocol);
  in.time_points = questionnaire_time_points(*protocol);
  const std::string dir = data_dir();
  const std::string thresholds = dir + "/instruments/responder-thresholds.yaml";
  in.thresholds = instruments::parse_responder_thresholds(read_file(thresholds, "thresholds"), thresholds);
  const std::string claims = request.claims_file.empty() ? dir + "/claims/seed-claims.yaml" : request.claims_file;
  in.claims = parse_claims(read_file(claims, "claims"), std::filesystem::path(claims).filename().string());

  ReportView view;
  view.name_other_centres = sees_every_centre(actor);
  if (request.centre_id) {
    if (!actor.sees_centre(*request.centre_id) && !sees_every_centre(actor))
      throw ForbiddenError("centre", "you may read the report of your own centre only");
    view.centres.push_back(*request.centre_id);
  } else if (!sees_every_centre(actor)) {
    view.centres.push_back(actor.centre);
  }

  store::OutcomeColumns columns;
  std::vector<std::string> item_ids;
  for (const TimePoint& t : in.time_points) item_ids.push_back(t.item_id);
  store_.write([&](store::Transaction& tx) {
    if (request.centre_id && !tx.find_centre(*request.centre_id))
      throw NotFoundError("centre", "no centre '" + *request.centre_id + "'");
    // Episodes name their protocol as they were opened with it.
    columns = tx.outcome_columns(request.protocol, item_ids);
    if (view.centres.empty()) view.centres = columns.centre_ids;
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "outcomes.report", "registry",
                                request.centre_id.value_or(""), "de-identified aggregates"));
  });
  OutcomeReport report = compute_outcome_report(columns, in, view);
  report.protocol = {protocol->id, protocol->version, protocol->title};
  return report;
}

}  // namespace rp::service
