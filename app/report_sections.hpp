#pragma once
// The sections of the HTML outcome report, each drawn from the typed report (the whole
// report, for its time points, definitions and claims, and one scope: every centre
// together or one centre). Each returns HTML, or nothing when the report has no such
// section (a protocol without claims, without a funnel plot).
#include <string>

#include "app/report_format.hpp"

namespace rp::app {

using contract::OutcomeReportOut;
using contract::ScopeOut;

// What a figure counts (one of report.definitions), to print under it; empty without one.
std::string definition(const contract::Texts& what, const Words& w);
// A time point's title in the reader's language, or its id.
std::string time_label(const OutcomeReportOut& report, const std::string& id, const Words& w);

// report_claims.cpp
std::string claims_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
// report_safety.cpp
std::string adverse_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
// report_sections.cpp
std::string survival_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
std::string repeats_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
std::string prom_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
std::string responders_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
std::string completeness_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w);
std::string log_rank_section(const OutcomeReportOut& report, const Words& w);
std::string funnel_section(const OutcomeReportOut& report, const Words& w);
// report_cross_centre.cpp
std::string cross_centre_section(const OutcomeReportOut& report, const Words& w);

}  // namespace rp::app
