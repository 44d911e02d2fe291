#pragma once
// The outcome report as one self-contained HTML page, rendered from the typed report (the
// API's answer, api/contract/reports.hpp) into templates/outcomes-report.html with the
// wording of templates/outcomes-report.text.json.
#include <nlohmann/json.hpp>
#include <string>

#include "api/contract/reports.hpp"

namespace rp::app {

// `lang` is "en" or "fa" (right to left, Persian digits, Jalali dates).
std::string render_outcomes_html(const api::contract::OutcomeReportOut& report, const std::string& page_template,
                                 const nlohmann::json& wording, const std::string& lang);

}  // namespace rp::app
