#pragma once
// The outcome report as one self-contained HTML page, rendered from the report's JSON
// into templates/outcomes-report.html with the wording of templates/outcomes-report.text.json.
#include <nlohmann/json.hpp>
#include <string>

namespace rp::app {

// `lang` is "en" or "fa" (right to left, Persian digits, Jalali dates).
std::string render_outcomes_html(const nlohmann::json& report, const std::string& page_template,
                                 const nlohmann::json& wording, const std::string& lang);

}  // namespace rp::app
