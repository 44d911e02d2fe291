// The figure sections of one scope (survival, repeats, PROMs, responders, completeness)
// and the sections that compare centres (log-rank, funnel plot).
#include "app/report_sections.hpp"

#include "app/report_svg.hpp"

namespace rp::app {
namespace {

// "42.1 % (30.2 % to 55.0 %)"
std::string with_ci(const Words& w, const contract::IntervalOut& ci) {
  if (!ci.estimate) return "–";
  return w.percent(ci.estimate) + " <span class=\"small\">(" + w.percent(ci.lower) + " – " + w.percent(ci.upper) +
         ")</span>";
}

double scale_top(const std::string& measure) {
  if (measure == "nrs_pain") return 10;
  if (measure == "oxford_total") return 48;
  return 100;
}

// What ends a joint's time on the survival curve, for the lines that name it.
std::string end_event(const OutcomeReportOut& report, const Words& w) {
  const std::string key = "end_event_" + report.survival_end_point.id;
  return w(w.has(key) ? key : "end_event_joint_replacement");
}

}  // namespace

std::string definition(const contract::Texts& what, const Words& w) {
  const std::string text = w.local(what);
  if (text.empty()) return {};
  return tag("p", tag("strong", w("counted")) + " " + text, "definition");
}

std::string time_label(const OutcomeReportOut& report, const std::string& id, const Words& w) {
  for (const auto& t : report.time_points)
    if (t.id == id) return w.local(t.title);
  return escape_html(id);
}

std::string survival_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  const contract::SurvivalOut& s = scope.survival;
  std::string title = w.local(report.survival_end_point.title);
  if (title.empty()) title = w("survival_heading");
  std::string out =
      tag("h3", title) + tag("p", w("survival_explain"), "explain") + definition(report.definitions.survival, w);
  if (s.n == 0) return out + tag("p", w("no_data"));
  out += survival_svg(s, w);
  std::string lines;
  for (const auto& p : s.at) {
    const int day = static_cast<int>(p.day);
    if (day == 0 || p.beyond_follow_up) continue;
    lines += tag("li", w("survival_at", {{"title", title},
                                         {"days", w.count(day)},
                                         {"value", w.percent(p.surv)},
                                         {"lower", w.percent(p.lower)},
                                         {"upper", w.percent(p.upper)},
                                         {"n_risk", w.count(p.n_risk)}}));
  }
  if (!lines.empty()) out += tag("ul", lines);
  const Figure median = s.median ? s.median->days : std::nullopt;
  const std::string event = end_event(report, w);
  out += tag("p", median ? w("median", {{"days", w.days(median)}, {"event", event}})
                         : w("median_not_reached", {{"event", event}}));
  return out;
}

std::string repeats_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  const contract::RepeatsOut& r = scope.repeats;
  const contract::Count n = r.repeated;  // null: suppressed, written as a dash
  std::string line;
  if (n == 0)
    line = w("repeats_none");
  else
    line = w(n == 1 ? "repeats_one" : "repeats_line", {{"n", w.count(n)},
                                                       {"median", w.days(r.median_days)},
                                                       {"min", w.days(r.min_days)},
                                                       {"max", w.days(r.max_days)}});
  return tag("h3", w("repeats_heading")) + tag("p", line) + definition(report.definitions.repeats, w);
}

std::string prom_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  std::string out = tag("h3", w("prom_heading")) + tag("p", w("prom_explain"), "explain") +
                    definition(report.definitions.trajectories, w);
  std::string figures;
  bool small_n = false, kept_in_scale = false;
  for (const auto& t : scope.trajectories) {
    // A measure nobody answered (not one this protocol asks) has nothing to draw.
    bool answered = false;
    for (const auto& p : t.points) {
      if (p.n == 0 || !p.mean) continue;
      answered = true;
      small_n |= p.interval == "n_too_small";
      kept_in_scale |= p.interval == "kept_in_scale";
    }
    if (!answered) continue;
    const std::string& m = t.measure;
    const std::string key = "measure_" + m;
    figures += "<div class=\"figure\">" + tag("div", w.has(key) ? w(key) : escape_html(m), "small") +
               trajectory_svg(t, report.time_points, scale_top(m), w) + "</div>";
  }
  if (figures.empty()) return out + tag("p", w("no_data"));
  out += figures;
  if (small_n) out += tag("p", w("prom_small_n"), "small");
  if (kept_in_scale) out += tag("p", w("prom_kept_in_scale"), "small");
  return out;
}

std::string responders_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  std::string rows =
      row({w("col_definition"), w("col_time"), w("col_rate"), w("col_n"), w("col_missing"), w("col_worst")}, true);
  bool any = false;
  for (const auto& r : scope.responders) {
    if (r.n == 0 && r.missing == 0) continue;
    any = true;
    const std::string& d = r.definition;
    rows += row({w.has("def_" + d) ? w("def_" + d) : escape_html(d), time_label(report, r.time_point, w),
                 with_ci(w, r.rate), w.count(r.n), w.count(r.missing), with_ci(w, r.worst_case)});
  }
  return tag("h3", w("responders_heading")) + tag("p", w("responders_explain"), "explain") +
         definition(report.definitions.responders, w) + (any ? "<table>" + rows + "</table>" : tag("p", w("no_data")));
}

std::string completeness_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  std::string rows = row({w("col_time"), w("col_due"), w("col_received"), w("col_fraction")}, true);
  for (const auto& c : scope.completeness)
    rows += row({time_label(report, c.time_point, w), w.count(c.due), w.count(c.received), w.percent(c.fraction)});
  return tag("h3", w("completeness_heading")) + tag("p", w("completeness_explain"), "explain") +
         definition(report.definitions.completeness, w) + "<table>" + rows + "</table>";
}

std::string log_rank_section(const OutcomeReportOut& report, const Words& w) {
  if (!report.log_rank_by_centre) return {};
  const contract::LogRankOut& lr = *report.log_rank_by_centre;
  std::string rows = row({w("col_centre"), w("col_n"), w("col_observed"), w("col_expected")}, true);
  for (const auto& g : lr.groups)
    rows += row({escape_html(g.centre), w.count(g.n), w.number(g.observed, 0), w.number(g.expected, 1)});
  return tag("h2", w("logrank_heading")) + tag("p", w("logrank_explain"), "explain") +
         tag("p", w("logrank_result",
                    {{"chisq", w.number(lr.chisq, 2)}, {"df", w.count(lr.df)}, {"p", w.number(lr.p, 4)}})) +
         "<table>" + rows + "</table>";
}

std::string funnel_section(const OutcomeReportOut& report, const Words& w) {
  if (!report.funnel) return {};
  const contract::FunnelOut& f = *report.funnel;
  std::string out = tag("h2", w("funnel_heading"));
  bool any = false;
  for (const auto& c : f.centres) any |= c.n > 0;
  if (!any) return out + tag("p", w("no_data"));
  const std::string& d = f.definition;
  return out +
         tag("p",
             w("funnel_explain", {{"definition", w.has("def_" + d) ? w("def_" + d) : escape_html(d)},
                                  {"time", f.time_point ? time_label(report, *f.time_point, w) : ""}}),
             "explain") +
         funnel_svg(f, w);
}

}  // namespace rp::app
