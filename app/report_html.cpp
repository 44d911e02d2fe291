// The page: its frame and styles live in the template, the words in the wording file, the
// sections in report_sections.cpp, report_claims.cpp and report_safety.cpp; this file puts
// one scope after another and fills the frame.
#include "app/report_html.hpp"

#include <map>

#include "app/report_format.hpp"
#include "app/report_sections.hpp"
#include "base/civil_date.hpp"
#include "base/jalali.hpp"

namespace rp::app {
namespace {

// Fills every {{slot}} of the template in one pass, so nothing a value brings (a title
// from a protocol file, the figures) is ever taken for a slot.
std::string fill(const std::string& page, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = page.find("{{"); at != std::string::npos; at = page.find("{{", from)) {
    const std::size_t end = page.find("}}", at);
    if (end == std::string::npos) break;
    const auto it = values.find(page.substr(at + 2, end - at - 2));
    if (it == values.end()) {
      out += page.substr(from, at + 2 - from);
      from = at + 2;
      continue;
    }
    out += page.substr(from, at - from) + it->second;
    from = end + 2;
  }
  return out + page.substr(from);
}

// A report for one centre's reader names no other centre: the funnel plot and the
// log-rank table call them "other centre".
bool other_centres_unnamed(const OutcomeReportOut& report) {
  const std::string other = "other centre";
  if (report.funnel)
    for (const auto& c : report.funnel->centres)
      if (c.centre == other) return true;
  if (report.log_rank_by_centre)
    for (const auto& g : report.log_rank_by_centre->groups)
      if (g.centre == other) return true;
  return false;
}

std::string scope_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  const std::string heading = scope.centre ? w("centre", {{"centre", escape_html(*scope.centre)}}) : w("overall");
  return "<section class=\"scope\">" + tag("h2", heading) + tag("p", w("injected", {{"n", w.count(scope.injected)}})) +
         definition(report.definitions.treated, w) + claims_section(report, scope, w) +
         survival_section(report, scope, w) + repeats_section(report, scope, w) + prom_section(report, scope, w) +
         responders_section(report, scope, w) + adverse_section(report, scope, w) +
         completeness_section(report, scope, w) + "</section>";
}

}  // namespace

std::string render_outcomes_html(const OutcomeReportOut& report, const std::string& page_template,
                                 const nlohmann::json& wording, const std::string& lang) {
  const Words w(wording, lang);
  const CivilDate as_of = parse_gregorian(report.as_of, "as_of");
  const contract::ReportProtocolOut& protocol = report.protocol;
  const bool has_claims = report.claims && !report.claims->empty();
  std::string body;
  for (const auto& scope : report.scopes) body += scope_section(report, scope, w);
  body += log_rank_section(report, w) + funnel_section(report, w) + cross_centre_section(report, w);
  const std::string source = report.claims_source ? w.local(*report.claims_source) : std::string();
  const std::string title = w.local(protocol.title);
  return fill(
      page_template,
      {{"lang", lang},
       {"dir", w.rtl() ? "rtl" : "ltr"},
       {"title", w("title", {{"protocol", title}})},
       {"meta", w("meta", {{"protocol", title},
                           {"protocol_id", escape_html(protocol.id)},
                           {"version", w.count(protocol.version)},
                           {"as_of", escape_html(display_date(as_of, lang, lang == "fa"))},
                           {"scope_note", other_centres_unnamed(report) ? w("scope_centre") : w("scope_all")}})},
       {"caveat", w("caveat") + (has_claims ? " " + w("caveat_claims") : "") +
                      (report.suppressed ? " " + w("suppressed_note") : "")},
       {"footer", w("footer", {{"claims", source.empty() ? "" : " " + w("footer_claims", {{"source", source}})}})},
       {"body", body}});
}

}  // namespace rp::app
