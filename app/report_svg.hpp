#pragma once
// Inline SVG charts for the HTML outcome report, drawn from the typed report. No
// scripts, no external assets: the page is one self-contained file.
#include <string>
#include <vector>

#include "app/report_format.hpp"

namespace rp::app {

// Kaplan–Meier step curve with its CI band and a number-at-risk row.
std::string survival_svg(const contract::SurvivalOut& survival, const Words& w);
// Mean and 95 % CI at each time point of one measure; `top` is the scale's maximum.
std::string trajectory_svg(const contract::TrajectoryOut& trajectory,
                           const std::vector<contract::TimePointOut>& time_points, double top, const Words& w);
// Centres' responder rates against their size, with 95 % and 99.8 % control limits.
std::string funnel_svg(const contract::FunnelOut& funnel, const Words& w);
// Units' observed / expected ratios against their expected count, with the Poisson limits.
std::string ratio_funnel_svg(const contract::AdjustedComparisonOut& comparison, const Words& w);
// One operator's risk-adjusted CUSUM with its threshold.
std::string cusum_svg(const contract::OperatorCusumOut& cusum, double threshold, const Words& w);

}  // namespace rp::app
