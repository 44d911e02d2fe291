#pragma once
// Small cells of the outcome report for registry readers: which figures of a computed
// OutcomeReport cover fewer than kSmallCell patients (1-4; 0 hides no one) and must not
// be shown to the registry analyst, as /registry/summary already does for its counts
// (service/registry_summary.hpp). Secondary suppression: where a row's total is shown and
// only one cell of the row would be hidden, the smallest other cell is hidden too, so the
// hidden one does not follow from the total and the rest.
//
// A pure pass: it reads the report and says what to hide; the encoder answers each hidden
// figure as null with `suppressed`. Counts of events stand for the patients they cover
// (a patient has at least one event of each count they are in, so fewer than 5 events
// means fewer than 5 patients).
#include <array>
#include <cstdint>
#include <vector>

#include "domain/outcomes/report.hpp"

namespace rp::outcomes {

inline constexpr std::int64_t kSmallCell = 5;

// Whether a count covers 1..4 patients.
bool small_cell(std::int64_t patients);

// The cells of one row to hide: the small ones, and when exactly one is small and the
// row's total is shown, the smallest other non-zero one too.
std::vector<bool> cells_to_hide(const std::vector<std::int64_t>& row, bool total_shown = true);

struct ScopeSuppression {
  bool injected = false;
  bool survival_counts = false;                      // n and events
  std::vector<bool> at_risk;                         // per SurvivalSummary::at: the number at risk
  std::vector<std::vector<bool>> trajectory_points;  // per Trajectory, per point: n and mean
  std::vector<bool> responders;                      // per ResponderRate: n, responders, missing, rates
  std::array<bool, 6> events_by_grade{};             // as AdverseEventSummary::events_by_grade
  std::vector<bool> by_category;                     // per AdverseEventSummary::by_category
  bool serious = false;                              // serious events, patients with one, the serious rate
  std::vector<bool> completeness;                    // per Completeness: due and received
  bool any() const;
};

struct ReportSuppression {
  std::vector<ScopeSuppression> scopes;  // as OutcomeReport::scopes
  std::vector<bool> funnel_centres;      // as Funnel::centres: n and responders
  bool any() const;
};

ReportSuppression small_cell_suppression(const OutcomeReport& report);

}  // namespace rp::outcomes
