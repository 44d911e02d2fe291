// The adverse-events section: records still waiting for a clinician, events by grade and
// by category, and the serious-event rate with the joints it is counted over.
#include "app/report_sections.hpp"

namespace rp::app {
namespace {

using contract::AdverseEventsOut;

std::string grade_table(const AdverseEventsOut& a, const Words& w) {
  std::string rows = row({w("col_grade"), w("col_events")}, true);
  rows += row({w("ungraded"), w.count(a.by_grade.ungraded)});
  for (int g = 1; g <= 5; ++g) rows += row({w.count(g), w.count(a.by_grade.grade(g))});
  return "<table class=\"grades\">" + rows + "</table>";
}

// Categories in the reader's language; a name the page does not know (an older record)
// is shown as it is.
std::string category_table(const AdverseEventsOut& a, const Words& w) {
  if (a.by_category.empty()) return {};
  std::string rows = row({w("col_category"), w("col_events")}, true);
  for (const auto& c : a.by_category) {
    const std::string key = "category_" + c.category;
    rows += row({w.has(key) ? w(key) : escape_html(c.category), w.count(c.events)});
  }
  return "<table class=\"categories\">" + rows + "</table>";
}

}  // namespace

std::string adverse_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  const AdverseEventsOut& a = scope.adverse_events;
  std::string out = tag("h3", w("ae_heading")) + tag("p", w("ae_explain"), "explain") +
                    definition(report.definitions.adverse_events, w);
  // Records a clinician has not decided yet: the figures below may change with them.
  if (const std::int64_t n = a.not_assessed.value_or(0); n > 0)
    out += tag("p", w("ae_not_assessed", {{"n", w.count(n)}, {"grade", command("regenpath event grade")}}), "warning");
  if (const std::int64_t n = a.untriaged_red_flags.value_or(0); n > 0)
    out += tag("p", w("ae_untriaged", {{"n", w.count(n)}, {"triage", command("regenpath event triage")}}), "warning");
  if (a.events == 0)
    out += tag("p", w("ae_none"));
  else
    out += grade_table(a, w) + category_table(a, w);
  const contract::IntervalOut& rate = a.serious_rate;
  const bool none_followed = a.patients == 0;
  out += tag("p", w(none_followed ? "serious_line_none" : "serious_line", {{"events", w.count(a.serious_events)},
                                                                           {"k", w.count(a.patients_with_serious)},
                                                                           {"n", w.count(a.patients)},
                                                                           {"days", w.count(a.followed_days)},
                                                                           {"treated", w.count(a.treated)},
                                                                           {"rate", w.percent(rate.estimate)},
                                                                           {"lower", w.percent(rate.lower)},
                                                                           {"upper", w.percent(rate.upper)}}));
  return out + definition(report.definitions.serious_rate, w);
}

}  // namespace rp::app
