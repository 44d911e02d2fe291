// The figure sections of one scope (survival, repeats, PROMs, responders, completeness)
// and the sections that compare centres (log-rank, funnel plot).
#include "app/report_sections.hpp"

#include "app/report_svg.hpp"

namespace rp::app {
namespace {

using nlohmann::json;

// "42.1 % (30.2 % to 55.0 %)"
std::string with_ci(const Words& w, const json& ci) {
  if (!field(ci, "estimate").is_number()) return "–";
  return w.percent(ci["estimate"]) + " <span class=\"small\">(" + w.percent(field(ci, "lower")) + " – " +
         w.percent(field(ci, "upper")) + ")</span>";
}

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

double scale_top(const std::string& measure) {
  if (measure == "nrs_pain") return 10;
  if (measure == "oxford_total") return 48;
  return 100;
}

// What ends a joint's time on the survival curve, for the lines that name it.
std::string end_event(const json& report, const Words& w) {
  const std::string key = "end_event_" + text_of(field(field(report, "survival_end_point"), "id"));
  return w(w.has(key) ? key : "end_event_joint_replacement");
}

}  // namespace

std::string definition(const json& report, const char* key, const Words& w) {
  const std::string text = w.local(field(field(report, "definitions"), key));
  if (text.empty()) return {};
  return tag("p", tag("strong", w("counted")) + " " + text, "definition");
}

std::string time_label(const json& report, const std::string& id, const Words& w) {
  for (const auto& t : field(report, "time_points"))
    if (field(t, "id") == id) return w.local(field(t, "title"));
  return escape_html(id);
}

std::string survival_section(const json& report, const json& scope, const Words& w) {
  const json& s = field(scope, "survival");
  std::string title = w.local(field(field(report, "survival_end_point"), "title"));
  if (title.empty()) title = w("survival_heading");
  std::string out = tag("h3", title) + tag("p", w("survival_explain"), "explain") + definition(report, "survival", w);
  if (count_of(s, "n") == 0) return out + tag("p", w("no_data"));
  out += survival_svg(s, w);
  std::string lines;
  for (const auto& p : field(s, "at")) {
    const int day = static_cast<int>(field(p, "day").is_number() ? p["day"].get<double>() : 0);
    if (day == 0 || field(p, "beyond_follow_up") == true) continue;
    lines += tag("li", w("survival_at", {{"title", title},
                                         {"days", w.count(day)},
                                         {"value", w.percent(field(p, "surv"))},
                                         {"lower", w.percent(field(p, "lower"))},
                                         {"upper", w.percent(field(p, "upper"))},
                                         {"n_risk", w.count(count_of(p, "n_risk"))}}));
  }
  if (!lines.empty()) out += tag("ul", lines);
  const json& median = field(field(s, "median"), "days");
  const std::string event = end_event(report, w);
  out += tag("p", median.is_number() ? w("median", {{"days", w.days(median)}, {"event", event}})
                                     : w("median_not_reached", {{"event", event}}));
  return out;
}

std::string repeats_section(const json& report, const json& scope, const Words& w) {
  const json& r = field(scope, "repeats");
  if (!r.is_object()) return {};
  const std::int64_t n = count_of(r, "repeated");
  std::string line;
  if (n == 0)
    line = w("repeats_none");
  else
    line = w(n == 1 ? "repeats_one" : "repeats_line", {{"n", w.count(n)},
                                                       {"median", w.days(field(r, "median_days"))},
                                                       {"min", w.days(field(r, "min_days"))},
                                                       {"max", w.days(field(r, "max_days"))}});
  return tag("h3", w("repeats_heading")) + tag("p", line) + definition(report, "repeats", w);
}

std::string prom_section(const json& report, const json& scope, const Words& w) {
  std::string out =
      tag("h3", w("prom_heading")) + tag("p", w("prom_explain"), "explain") + definition(report, "trajectories", w);
  std::string figures;
  bool small_n = false, kept_in_scale = false;
  for (const auto& t : field(scope, "trajectories")) {
    // A measure nobody answered (not one this protocol asks) has nothing to draw.
    bool answered = false;
    for (const auto& p : field(t, "points")) {
      if (count_of(p, "n") == 0 || !field(p, "mean").is_number()) continue;
      answered = true;
      small_n |= field(p, "interval") == "n_too_small";
      kept_in_scale |= field(p, "interval") == "kept_in_scale";
    }
    if (!answered) continue;
    const std::string m = text_of(field(t, "measure"));
    const std::string key = "measure_" + m;
    figures += "<div class=\"figure\">" + tag("div", w.has(key) ? w(key) : escape_html(m), "small") +
               trajectory_svg(t, field(report, "time_points"), scale_top(m), w) + "</div>";
  }
  if (figures.empty()) return out + tag("p", w("no_data"));
  out += figures;
  if (small_n) out += tag("p", w("prom_small_n"), "small");
  if (kept_in_scale) out += tag("p", w("prom_kept_in_scale"), "small");
  return out;
}

std::string responders_section(const json& report, const json& scope, const Words& w) {
  std::string rows =
      row({w("col_definition"), w("col_time"), w("col_rate"), w("col_n"), w("col_missing"), w("col_worst")}, true);
  bool any = false;
  for (const auto& r : field(scope, "responders")) {
    if (count_of(r, "n") == 0 && count_of(r, "missing") == 0) continue;
    any = true;
    const std::string d = text_of(field(r, "definition"));
    rows += row({w.has("def_" + d) ? w("def_" + d) : escape_html(d),
                 time_label(report, text_of(field(r, "time_point")), w), with_ci(w, field(r, "rate")),
                 w.count(count_of(r, "n")), w.count(count_of(r, "missing")), with_ci(w, field(r, "worst_case"))});
  }
  return tag("h3", w("responders_heading")) + tag("p", w("responders_explain"), "explain") +
         definition(report, "responders", w) + (any ? "<table>" + rows + "</table>" : tag("p", w("no_data")));
}

std::string completeness_section(const json& report, const json& scope, const Words& w) {
  std::string rows = row({w("col_time"), w("col_due"), w("col_received"), w("col_fraction")}, true);
  for (const auto& c : field(scope, "completeness"))
    rows += row({time_label(report, text_of(field(c, "time_point")), w), w.count(count_of(c, "due")),
                 w.count(count_of(c, "received")), w.percent(field(c, "fraction"))});
  return tag("h3", w("completeness_heading")) + tag("p", w("completeness_explain"), "explain") +
         definition(report, "completeness", w) + "<table>" + rows + "</table>";
}

std::string log_rank_section(const json& report, const Words& w) {
  const json& lr = field(report, "log_rank_by_centre");
  if (!lr.is_object()) return {};
  std::string rows = row({w("col_centre"), w("col_n"), w("col_observed"), w("col_expected")}, true);
  for (const auto& g : field(lr, "groups"))
    rows += row({escape_html(text_of(field(g, "centre"))), w.count(count_of(g, "n")), w.number(field(g, "observed"), 0),
                 w.number(field(g, "expected"), 1)});
  return tag("h2", w("logrank_heading")) + tag("p", w("logrank_explain"), "explain") +
         tag("p", w("logrank_result", {{"chisq", w.number(field(lr, "chisq"), 2)},
                                       {"df", w.count(count_of(lr, "df"))},
                                       {"p", w.number(field(lr, "p"), 4)}})) +
         "<table>" + rows + "</table>";
}

std::string funnel_section(const json& report, const Words& w) {
  const json& f = field(report, "funnel");
  if (!f.is_object()) return {};
  std::string out = tag("h2", w("funnel_heading"));
  bool any = false;
  for (const auto& c : field(f, "centres")) any |= count_of(c, "n") > 0;
  if (!any) return out + tag("p", w("no_data"));
  const std::string d = text_of(field(f, "definition"));
  const json& tp = field(f, "time_point");
  return out +
         tag("p",
             w("funnel_explain", {{"definition", w.has("def_" + d) ? w("def_" + d) : escape_html(d)},
                                  {"time", tp.is_string() ? time_label(report, tp.get<std::string>(), w) : ""}}),
             "explain") +
         funnel_svg(f, w);
}

}  // namespace rp::app
