#pragma once
// Inline SVG charts for the HTML outcome report, drawn from the report's JSON. No
// scripts, no external assets: the page is one self-contained file.
#include <nlohmann/json.hpp>
#include <string>

#include "app/report_format.hpp"

namespace rp::app {

// Kaplan–Meier step curve with its CI band and a number-at-risk row.
std::string survival_svg(const nlohmann::json& survival, const Words& w);
// Mean and 95 % CI at each time point of one measure; `top` is the scale's maximum.
std::string trajectory_svg(const nlohmann::json& trajectory, const nlohmann::json& time_points, double top,
                           const Words& w);
// Centres' responder rates against their size, with 95 % and 99.8 % control limits.
std::string funnel_svg(const nlohmann::json& funnel, const Words& w);

}  // namespace rp::app
