#pragma once
// The outcome report use case. Its figures are computed in domain/outcomes/ from the
// registry's plain columns (no store, no JSON); Outcomes::report() adds the role check,
// the store read and the audit row.
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "domain/claims.hpp"
#include "domain/outcomes/report.hpp"
#include "service/actor.hpp"
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

class Outcomes {
 public:
  Outcomes(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  // The analyst (and the operator) see every centre; a centre's surgeons and admins see
  // their centre and the overall figures, other centres unnamed. Other roles:
  // ForbiddenError. An unknown centre: NotFoundError("centre"). Figures of 1-4 patients
  // that the reader may not see are marked in OutcomeReport::suppressed: the analyst's
  // every one, a centre's staff's outside their own centre; none of the operator's.
  OutcomeReport report(const Actor& actor, const OutcomeRequest& request);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace rp::service
