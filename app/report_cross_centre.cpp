// The HTML report's comparison adjusted for case mix: by centre for every reader, by
// injecting operator for the centre's own surgeons and admin (the typed report carries
// that part only for them).
#include <string>

#include "app/report_sections.hpp"
#include "app/report_svg.hpp"

namespace rp::app {
namespace {

std::string limits(const Words& w, contract::Figure lower, contract::Figure upper) {
  return w.number(lower, 2) + " – " + w.number(upper, 2);
}

std::string comparison(const contract::AdjustedComparisonOut& c, const std::string& heading, const Words& w) {
  std::string out =
      tag("h3", heading) +
      tag("p", w("xc_used", {{"n", w.count(c.n)}, {"events", w.count(c.events)}, {"rate", w.percent(c.crude_rate)}}));
  for (const auto& warning : c.warnings) out += tag("p", w.local(warning.text), "warning");
  if (!c.adjusted) return out + tag("p", w("xc_no_adjusted"));
  std::string rows = row({w("xc_col_unit"), w("col_n"), w("xc_col_observed"), w("xc_col_expected"), w("xc_col_ratio"),
                          w("xc_col_limits95"), w("xc_col_limits998"), w("xc_col_adjusted_rate")},
                         true);
  for (const auto& u : c.units)
    rows +=
        row({escape_html(u.label), w.count(u.n), w.number(u.observed, 0), w.number(u.expected, 1), w.number(u.ratio, 2),
             limits(w, u.lower95, u.upper95), limits(w, u.lower998, u.upper998), w.percent(u.adjusted_rate)});
  std::string terms = row({w("xc_col_factor"), w("xc_col_level"), w("col_n"), w("xc_col_effect")}, true);
  for (const auto& t : c.terms) {
    const std::string factor = w.has("factor_" + t.factor) ? w("factor_" + t.factor) : escape_html(t.factor);
    terms += row({factor, w.digits(escape_html(t.level)) + " (" + w.digits(escape_html(t.reference)) + ")",
                  w.count(t.n), w.number(t.ratio, 2) + " (" + limits(w, t.lower, t.upper) + ")"});
  }
  return out + "<table class=\"adjusted\">" + rows + "</table>" + ratio_funnel_svg(c, w) + tag("p", w("xc_terms")) +
         "<table class=\"terms\">" + terms + "</table>";
}

}  // namespace

std::string cross_centre_section(const OutcomeReportOut& report, const Words& w) {
  if (!report.cross_centre) return {};
  const contract::CrossCentreOut& x = *report.cross_centre;
  const std::string definition_name =
      w.has("def_" + x.definition) ? w("def_" + x.definition) : escape_html(x.definition);
  std::string out =
      tag("h2", w("xc_heading")) +
      tag("p", w("xc_explain", {{"definition", definition_name}, {"time", time_label(report, x.time_point, w)}}),
          "explain") +
      comparison(x.responders, w("xc_responders"), w) + comparison(x.survival, w("xc_survival"), w);
  if (!report.by_operator) return "<section class=\"cross-centre\">" + out + "</section>";
  const contract::OperatorComparisonOut& ops = *report.by_operator;
  out += tag("h2", w("xc_operator_heading", {{"centre", escape_html(ops.centre)}})) +
         tag("p", w("xc_operator_explain", {{"odds", w.number(ops.cusum_odds_ratio, 0)}}), "explain") +
         comparison(ops.figures.responders, w("xc_responders"), w) +
         comparison(ops.figures.survival, w("xc_survival"), w);
  for (const auto& c : ops.cusums)
    out += tag("p", w("xc_cusum_signals", {{"label", escape_html(c.label)},
                                           {"n", w.count(static_cast<std::int64_t>(c.value.size()))},
                                           {"signals", w.count(static_cast<std::int64_t>(c.signals.size()))}})) +
           cusum_svg(c, ops.cusum_threshold, w);
  return "<section class=\"cross-centre\">" + out + "</section>";
}

}  // namespace rp::app
