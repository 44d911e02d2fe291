#pragma once
// Which figures of an outcome report a reader is not shown because they cover 1-4
// patients (domain/outcomes/suppression.hpp decides; api/contract/reports.cpp answers each
// hidden figure as null with `suppressed`). Every vector runs parallel to the report's:
// empty, or shorter than the report's, means nothing there is hidden.
#include <array>
#include <vector>

namespace rp::outcomes {

struct ScopeSuppression {
  bool injected = false;
  bool survival_counts = false;                      // n and events, and with them the curve and its marks
  std::vector<bool> at_risk;                         // per SurvivalSummary::at: the number at risk
  std::vector<std::vector<bool>> trajectory_points;  // per Trajectory, per point: n and mean
  std::vector<bool> responders;                      // per ResponderRate: n, responders, missing, rates
  std::array<bool, 6> events_by_grade{};             // as AdverseEventSummary::events_by_grade
  std::vector<bool> by_category;                     // per AdverseEventSummary::by_category
  bool events = false;                               // every adverse event together
  bool not_assessed = false, untriaged_red_flags = false;
  bool serious = false;            // serious events, patients with one, the serious rate
  std::vector<bool> completeness;  // per Completeness: due and received
  bool repeats = false;            // joints treated again, and the days to the repeat
  std::vector<bool> claims;        // per ClaimResult: n, events, missing and the estimates
  bool any() const;
};

struct ReportSuppression {
  std::vector<ScopeSuppression> scopes;  // as OutcomeReport::scopes
  std::vector<bool> funnel_centres;      // as Funnel::centres: n and responders
  std::vector<bool> log_rank_groups;     // as LogRankByCentre::labels: n, observed, expected
  // As CrossCentre::{responders,survival}::units: every figure of the unit.
  std::vector<bool> cross_centre_responders, cross_centre_survival;
  bool any() const;
};

}  // namespace rp::outcomes
