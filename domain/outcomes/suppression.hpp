#pragma once
// Small cells of the outcome report for registry readers: which figures of a computed
// OutcomeReport cover fewer than kSmallCell patients (1-4; 0 hides no one) and must not
// be shown to the registry analyst, as /registry/summary already does for its counts
// (service/registry_summary.hpp). Secondary suppression: where a row's total is shown and
// only one cell of the row would be hidden, the smallest other cell is hidden too, so the
// hidden one does not follow from the total and the rest. The centres' rows (treated
// joints, the funnel, the log-rank groups, the adjusted comparison) are such rows: the
// overall figure is their total.
//
// A centre's own staff see their own centre's figures whole. They also see the overall
// figures, which less their own give the other centres' together: an overall figure is
// hidden from them when that difference covers 1-4 patients (and only then: the rest of
// it is their own).
//
// A pure pass: it reads the report and says what to hide (suppressed_cells.hpp); the
// encoder answers each hidden figure as null with `suppressed`. Counts of events stand
// for the patients they cover (a patient has at least one event of each count they are
// in, so fewer than 5 events means fewer than 5 patients).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/outcomes/report.hpp"
#include "domain/outcomes/suppressed_cells.hpp"

namespace rp::outcomes {

inline constexpr std::int64_t kSmallCell = 5;

// Whether a count covers 1..4 patients.
bool small_cell(std::int64_t patients);

// The cells of one row to hide: the small ones, and when exactly one is small and the
// row's total is shown, the smallest other non-zero one too.
std::vector<bool> cells_to_hide(const std::vector<std::int64_t>& row, bool total_shown = true);

// What `own_centre`'s staff may not see (nullopt: a registry reader, who sees no centre
// whole). Figures labelled with the own centre's id are shown whole.
ReportSuppression small_cell_suppression(const OutcomeReport& report,
                                         const std::optional<std::string>& own_centre = std::nullopt);

}  // namespace rp::outcomes
