// The adverse-events section: records still waiting for a clinician, events by grade and
// by category, and the serious-event rate with the joints it is counted over.
#include "app/report_sections.hpp"

namespace rp::app {
namespace {

using nlohmann::json;

std::string grade_table(const json& a, const Words& w) {
  const json& grades = field(a, "by_grade");
  std::string rows = row({w("col_grade"), w("col_events")}, true);
  rows += row({w("ungraded"), w.count(count_of(grades, "ungraded"))});
  for (int g = 1; g <= 5; ++g) rows += row({w.count(g), w.count(count_of(grades, std::to_string(g).c_str()))});
  return "<table class=\"grades\">" + rows + "</table>";
}

// Categories in the reader's language; a name the page does not know (an older record)
// is shown as it is.
std::string category_table(const json& a, const Words& w) {
  const json& categories = field(a, "by_category");
  if (!categories.is_array() || categories.empty()) return {};
  std::string rows = row({w("col_category"), w("col_events")}, true);
  for (const auto& c : categories) {
    const std::string name = field(c, "category").is_string() ? c["category"].get<std::string>() : "";
    const std::string key = "category_" + name;
    rows += row({w.has(key) ? w(key) : escape_html(name), w.count(count_of(c, "events"))});
  }
  return "<table class=\"categories\">" + rows + "</table>";
}

}  // namespace

std::string adverse_section(const json& report, const json& scope, const Words& w) {
  const json& a = field(scope, "adverse_events");
  std::string out =
      tag("h3", w("ae_heading")) + tag("p", w("ae_explain"), "explain") + definition(report, "adverse_events", w);
  // Records a clinician has not decided yet: the figures below may change with them.
  if (const std::int64_t n = count_of(a, "not_assessed"); n > 0)
    out += tag("p", w("ae_not_assessed", {{"n", w.count(n)}, {"grade", command("regenpath event grade")}}), "warning");
  if (const std::int64_t n = count_of(a, "untriaged_red_flags"); n > 0)
    out += tag("p", w("ae_untriaged", {{"n", w.count(n)}, {"triage", command("regenpath event triage")}}), "warning");
  if (count_of(a, "events") == 0)
    out += tag("p", w("ae_none"));
  else
    out += grade_table(a, w) + category_table(a, w);
  const json& rate = field(a, "serious_rate");
  const bool none_followed = count_of(a, "patients") == 0;
  out += tag("p", w(none_followed ? "serious_line_none" : "serious_line",
                    {{"events", w.count(count_of(a, "serious_events"))},
                     {"k", w.count(count_of(a, "patients_with_serious"))},
                     {"n", w.count(count_of(a, "patients"))},
                     {"days", w.count(count_of(a, "followed_days"))},
                     {"treated", w.count(count_of(a, "treated"))},
                     {"rate", w.percent(field(rate, "estimate"))},
                     {"lower", w.percent(field(rate, "lower"))},
                     {"upper", w.percent(field(rate, "upper"))}}));
  return out + definition(report, "serious_rate", w);
}

}  // namespace rp::app
