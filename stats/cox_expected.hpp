#pragma once
// The number of events a fitted Cox model expects of each observation over its own
// follow-up: its risk score times the baseline cumulative hazard at its time, with
// Efron's handling of tied events (an observation that died in a tie shares the tied
// deaths' hazard increments by the same down-weighting as the fit). It is the event
// indicator minus the martingale residual, as R's predict(fit, type = "expected") gives
// it for the data fitted. Summed over a centre's patients it is the centre's expected
// conversions to hip replacement given its case mix (stats/standardisation.hpp).
#include <span>
#include <vector>

#include "stats/cox.hpp"

namespace rp::stats {

// The same time, event and covariates as cox_ph was given, and its fit. Input order.
std::vector<double> cox_expected_events(std::span<const double> time, std::span<const int> event,
                                        const std::vector<std::span<const double>>& covariates, const CoxFit& fit);
// The same with the covariates as the patterns cox_ph was given (stats/row_cells.hpp).
std::vector<double> cox_expected_events(std::span<const double> time, std::span<const int> event,
                                        const RowCells& patterns, const CoxFit& fit);

}  // namespace rp::stats
