#pragma once
// The outcome report use case. Its figures are computed in domain/outcomes/ from the
// registry's plain columns (no store, no JSON); Outcomes::report() adds the role check,
// the store read and the audit row.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/compressible_text.hpp"
#include "domain/claims.hpp"
#include "domain/outcomes/report.hpp"
#include "service/actor.hpp"
#include "service/heavy_reads.hpp"
#include "service/public_claims.hpp"
#include "store/store.hpp"

namespace rp::service {

// The report's figures are the domain's (domain/outcomes/report.hpp); the service only
// decides who reads which centres, and reads the registry.
using outcomes::AdverseEventSummary;
using outcomes::ClaimResult;
using outcomes::Completeness;
using outcomes::compute_outcome_report;
using outcomes::definition_asked;
using outcomes::Funnel;
using outcomes::kMinNForInterval;
using outcomes::LogRankByCentre;
using outcomes::outcome_inputs;
using outcomes::OutcomeInputs;
using outcomes::OutcomeReport;
using outcomes::questionnaire_time_points;
using outcomes::RepeatSummary;
using outcomes::ReportView;
using outcomes::ResponderRate;
using outcomes::ScopeReport;
using outcomes::SurvivalSummary;
using outcomes::TimePoint;
using outcomes::Trajectory;
using outcomes::TrajectoryPoint;

// What each figure of the report counts, in English and Persian: the screens and the
// HTML page print them beside the figures, from this one source (api/contract/reports.cpp
// writes them under `definitions`).
struct OutcomeDefinitions {
  LocalText treated, survival, trajectories, responders, completeness, adverse_events, serious_rate, repeats;
};
OutcomeDefinitions outcome_definitions(const OutcomeReport& report);

struct OutcomeRequest {
  std::optional<std::string> centre_id;  // one centre (and the overall figures)
  std::string protocol = "hip-msc-v1";
  // The operator's own claims (a file named on the command line); unset: the protocol's.
  std::optional<ClaimSet> claims;
};

// A report as the API sends it: its rendering, and whether it came from the cache.
struct RenderedOutcomes {
  std::shared_ptr<const CompressibleText> body;
  bool cached = false;
};

class Outcomes {
 public:
  // `heavy` (optional): the bound on heavy reads running at once and the cache of
  // rendered reports (service/heavy_reads.hpp); the command line passes none.
  Outcomes(store::Store& store, Clock clock, HeavyReads* heavy = nullptr)
      : store_(store), clock_(std::move(clock)), heavy_(heavy) {}

  // The analyst (and the operator) see every centre; a centre's surgeons and admins see
  // their centre and the overall figures, other centres unnamed. Other roles:
  // ForbiddenError. An unknown centre: NotFoundError("centre"). Figures of 1-4 patients
  // that the reader may not see are marked in OutcomeReport::suppressed: the analyst's
  // every one, a centre's staff's outside their own centre; none of the operator's.
  // Every report answered leaves an audit row, durable before the registry's snapshot is read.
  OutcomeReport report(const Actor& actor, const OutcomeRequest& request);
  // The same report rendered by `render` (the API's JSON), kept per data generation in the
  // cache of `heavy` and served from it while nothing changed; the audit row is written
  // for every request all the same (a cached answer is still a read of the data).
  // `variant` names what else the rendering depends on (empty when nothing).
  RenderedOutcomes rendered_report(const Actor& actor, const OutcomeRequest& request, const std::string& variant,
                                   const std::function<std::string(const OutcomeReport&)>& render);
  // The centre's claims as anyone may read them (service/public_claims.hpp): no role is
  // asked and no audit row written. An unknown centre: NotFoundError("centre"); an unknown
  // protocol: NotFoundError("protocol").
  std::shared_ptr<const PublicClaims> public_claims(const std::string& centre_id, const std::string& protocol);

 private:
  // What the request asks for, checked: the role, the protocol, the centres shown.
  struct Prepared {
    const Protocol& protocol;
    OutcomeInputs in;
    ReportView view;
    store::ConsentScope consent;
    std::vector<std::string> item_ids;  // the questionnaire time points, in order
  };
  Prepared prepare(const Actor& actor, const OutcomeRequest& request) const;
  void audit_read(const Actor& actor, const OutcomeRequest& request);
  void refresh_changed_joints();
  // The snapshot read and the figures computed from it, cut to what the reader may see.
  OutcomeReport compute(const Actor& actor, const OutcomeRequest& request, Prepared& p);

  store::Store& store_;
  Clock clock_;
  HeavyReads* heavy_;
};

}  // namespace rp::service
