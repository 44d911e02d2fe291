#pragma once
// The two case-mix models the cross-centre comparison rests on, fitted once on every
// centre's treated joints (cross_centre.hpp): each joint's expectation under them is what
// the centre and operator comparisons sum. Internal to domain/outcomes/.
#include <vector>

#include "domain/outcomes/cross_centre.hpp"
#include "domain/outcomes/sections.hpp"

namespace rp::outcomes::detail {

struct CaseMixFit {
  AdjustedComparison summary;     // n, events, adjusted, warnings, crude rate, terms; no units yet
  std::vector<std::size_t> rows;  // the registry rows fitted
  std::vector<double> observed;   // per fitted row: 1 = responded / reached the end point
  std::vector<double> expected;   // per fitted row: the model's expectation (empty when not adjusted)
};

struct CaseMixModels {
  CaseMixFit responders, survival;
};

// Fits both models; a model that cannot be fitted says why in its warnings.
CaseMixModels fit_case_mix(const Registry& r, ResponderDefinition definition, int time_point);

}  // namespace rp::outcomes::detail

namespace rp::outcomes::detail {

// The comparison across units (centres or operators): unit[row] in [0, labels.size()),
// or -1 for a row in none. `head` carries the definition and time point.
CrossCentre compare_units(const CaseMixModels& models, const CrossCentre& head, const std::vector<int>& unit,
                          const std::vector<std::string>& labels, const std::vector<bool>& own);
// Each operator's CUSUM of non-response over their fitted joints in injection order.
std::vector<OperatorCusum> operator_cusums(const Registry& r, const CaseMixFit& responders,
                                           const std::vector<int>& unit, const std::vector<std::string>& labels);

}  // namespace rp::outcomes::detail
