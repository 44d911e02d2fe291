// One function per section of the page; the page frame and styles live in the template,
// the words in the wording file, so this file only arranges figures.
#include "app/report_html.hpp"

#include "app/report_format.hpp"
#include "app/report_svg.hpp"
#include "base/civil_date.hpp"
#include "base/jalali.hpp"

namespace rp::app {
namespace {

using nlohmann::json;

std::string tag(const char* name, const std::string& body, const std::string& cls = {}) {
  return std::string("<") + name + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + body + "</" + name + ">";
}
std::string row(std::initializer_list<std::string> cells, bool head = false) {
  std::string out;
  for (const auto& c : cells) out += tag(head ? "th" : "td", c);
  return tag("tr", out);
}

// "42.1 % (30.2 % to 55.0 %)"
std::string with_ci(const Words& w, const json& est, const json& lo, const json& hi) {
  if (!est.is_number()) return "–";
  return w.percent(est) + " <span class=\"small\">(" + w.percent(lo) + " – " + w.percent(hi) + ")</span>";
}

std::string claimed_text(const Words& w, const json& claim) {
  const double lo = claim["claimed"]["low"], hi = claim["claimed"]["high"];
  if (lo == hi) return w.percent(lo);
  if (lo == 0) return "&lt; " + w.percent(hi);
  if (hi == 1) return "≥ " + w.percent(lo);
  return w.percent(lo) + " – " + w.percent(hi);
}

const json* find_claim(const json& report, const std::string& id) {
  for (const auto& c : report["claims"])
    if (c["id"] == id) return &c;
  return nullptr;
}

std::string verdict_badge(const Words& w, const std::string& verdict) {
  return "<span class=\"verdict " + verdict + "\">" + w("verdict_" + verdict) + "</span>";
}

std::string claims_section(const json& report, const json& scope, const Words& w) {
  std::string rows = row({w("col_claim"), w("col_claimed"), w("col_measured"), w("col_n"), w("col_missing"),
                          w("col_worst"), w("col_verdict")},
                         true);
  for (const auto& r : scope["claims"]) {
    const json* claim = find_claim(report, r["id"]);
    if (claim == nullptr) continue;
    const std::string verdict = r["verdict"], reason = r["reason"];
    std::string why = w("why_" + reason, {{"n", w.count(r["n"])},
                                          {"min_n", w.count((*claim)["minimum"]["n"])},
                                          {"days", w.count((*claim)["minimum"]["follow_up_days"])}});
    if (verdict != "insufficient_data" && r["worst_case"]["verdict"] != verdict)
      why +=
          " " + w("worst_case_differs", {{"verdict", w("verdict_" + r["worst_case"]["verdict"].get<std::string>())}});
    const std::string words = escape_html((*claim)["words"][w.lang()].get<std::string>());
    const std::string note = escape_html((*claim)["note"][w.lang()].get<std::string>());
    rows += row({tag("div", "“" + words + "”", "claimwords") + tag("div", note, "small"), claimed_text(w, *claim),
                 with_ci(w, r["estimate"], r["lower"], r["upper"]), w.count(r["n"]), w.count(r["missing"]),
                 with_ci(w, r["worst_case"]["estimate"], r["worst_case"]["lower"], r["worst_case"]["upper"]),
                 verdict_badge(w, verdict) + tag("div", why, "small")});
  }
  return tag("h3", w("claims_heading")) + tag("p", w("claims_explain"), "explain") + "<table class=\"claims\">" + rows +
         "</table>";
}

std::string survival_section(const json& scope, const Words& w) {
  const json& s = scope["survival"];
  std::string out = tag("h3", w("survival_heading")) + tag("p", w("survival_explain"), "explain");
  if (s["n"].get<std::int64_t>() == 0) return out + tag("p", w("no_data"));
  out += survival_svg(s, w);
  std::string lines;
  for (const auto& p : s["at"]) {
    const int day = static_cast<int>(p["day"].get<double>());
    if (day == 0 || p["beyond_follow_up"].get<bool>()) continue;
    lines += tag("li", w("survival_at", {{"days", w.count(day)},
                                         {"value", w.percent(p["surv"])},
                                         {"lower", w.percent(p["lower"])},
                                         {"upper", w.percent(p["upper"])},
                                         {"n_risk", w.count(p["n_risk"])}}));
  }
  out += tag("ul", lines);
  const json& median = s["median"]["days"];
  out += tag("p", median.is_number() ? w("median", {{"days", w.number(median, 0)}}) : w("median_not_reached"));
  return out;
}

std::string log_rank_section(const json& report, const Words& w) {
  const json& lr = report["log_rank_by_centre"];
  if (lr.is_null()) return {};
  std::string rows = row({w("col_centre"), w("col_n"), w("col_observed"), w("col_expected")}, true);
  for (const auto& g : lr["groups"])
    rows += row({escape_html(g["centre"].get<std::string>()), w.count(g["n"]), w.number(g["observed"], 0),
                 w.number(g["expected"], 1)});
  return tag("h2", w("logrank_heading")) + tag("p", w("logrank_explain"), "explain") +
         tag("p", w("logrank_result",
                    {{"chisq", w.number(lr["chisq"], 2)}, {"df", w.count(lr["df"])}, {"p", w.number(lr["p"], 4)}})) +
         "<table>" + rows + "</table>";
}

double scale_top(const std::string& measure) {
  if (measure == "nrs_pain") return 10;
  if (measure == "oxford_total") return 48;
  return 100;
}

std::string prom_section(const json& report, const json& scope, const Words& w) {
  std::string out = tag("h3", w("prom_heading")) + tag("p", w("prom_explain"), "explain");
  for (const auto& t : scope["trajectories"]) {
    const std::string m = t["measure"];
    out += "<div class=\"figure\">" + tag("div", w("measure_" + m), "small") +
           trajectory_svg(t, report["time_points"], scale_top(m), w) + "</div>";
  }
  return out;
}

std::string time_label(const json& report, const std::string& id, const Words& w) {
  for (const auto& t : report["time_points"])
    if (t["id"] == id) return escape_html(t["title"][w.lang()].get<std::string>());
  return escape_html(id);
}

std::string responders_section(const json& report, const json& scope, const Words& w) {
  std::string rows =
      row({w("col_definition"), w("col_time"), w("col_rate"), w("col_n"), w("col_missing"), w("col_worst")}, true);
  for (const auto& r : scope["responders"]) {
    if (r["n"].get<std::int64_t>() == 0 && r["missing"].get<std::int64_t>() == 0) continue;
    rows += row({w("def_" + r["definition"].get<std::string>()), time_label(report, r["time_point"], w),
                 with_ci(w, r["rate"]["estimate"], r["rate"]["lower"], r["rate"]["upper"]), w.count(r["n"]),
                 w.count(r["missing"]),
                 with_ci(w, r["worst_case"]["estimate"], r["worst_case"]["lower"], r["worst_case"]["upper"])});
  }
  return tag("h3", w("responders_heading")) + tag("p", w("responders_explain"), "explain") + "<table>" + rows +
         "</table>";
}

std::string funnel_section(const json& report, const Words& w) {
  const json& f = report["funnel"];
  return tag("h2", w("funnel_heading")) +
         tag("p",
             w("funnel_explain", {{"definition", w("def_" + f["definition"].get<std::string>())},
                                  {"time", f["time_point"].is_string() ? time_label(report, f["time_point"], w) : ""}}),
             "explain") +
         funnel_svg(f, w);
}

std::string adverse_section(const json& scope, const Words& w) {
  const json& a = scope["adverse_events"];
  std::string rows = row({w("col_grade"), w("col_events")}, true);
  rows += row({w("ungraded"), w.count(a["by_grade"]["ungraded"])});
  for (int g = 1; g <= 5; ++g) rows += row({w.count(g), w.count(a["by_grade"][std::to_string(g)])});
  const json& rate = a["serious_rate"];
  return tag("h3", w("ae_heading")) + tag("p", w("ae_explain"), "explain") + "<table>" + rows + "</table>" +
         tag("p", w("serious_line", {{"events", w.count(a["serious_events"])},
                                     {"k", w.count(a["patients_with_serious"])},
                                     {"n", w.count(a["patients"])},
                                     {"rate", w.percent(rate["estimate"])},
                                     {"lower", w.percent(rate["lower"])},
                                     {"upper", w.percent(rate["upper"])}}));
}

std::string completeness_section(const json& report, const json& scope, const Words& w) {
  std::string rows = row({w("col_time"), w("col_due"), w("col_received"), w("col_fraction")}, true);
  for (const auto& c : scope["completeness"])
    rows += row(
        {time_label(report, c["time_point"], w), w.count(c["due"]), w.count(c["received"]), w.percent(c["fraction"])});
  return tag("h3", w("completeness_heading")) + tag("p", w("completeness_explain"), "explain") + "<table>" + rows +
         "</table>";
}

std::string fill(std::string page, const std::string& slot, const std::string& value) {
  const std::string key = "{{" + slot + "}}";
  for (std::size_t at = page.find(key); at != std::string::npos; at = page.find(key, at + value.size()))
    page.replace(at, key.size(), value);
  return page;
}

}  // namespace

std::string render_outcomes_html(const json& report, const std::string& page_template, const json& wording,
                                 const std::string& lang) {
  const Words w(wording, lang);
  const CivilDate as_of = parse_gregorian(report["as_of"].get<std::string>(), "as_of");
  std::string body;
  bool named_centres = false;
  for (const auto& f : report["funnel"]["centres"])
    if (f["centre"] == "other centre") named_centres = true;
  for (const auto& scope : report["scopes"]) {
    const std::string heading = scope["centre"].is_null()
                                    ? w("overall")
                                    : w("centre", {{"centre", escape_html(scope["centre"].get<std::string>())}});
    body += "<section class=\"scope\">" + tag("h2", heading) +
            tag("p", w("injected", {{"n", w.count(scope["injected"])}})) + claims_section(report, scope, w) +
            survival_section(scope, w) + prom_section(report, scope, w) + responders_section(report, scope, w) +
            adverse_section(scope, w) + completeness_section(report, scope, w) + "</section>";
  }
  body += log_rank_section(report, w) + funnel_section(report, w);
  // The figures go in last, so nothing in them is ever taken for a slot.
  std::string page = fill(page_template, "lang", lang);
  page = fill(page, "dir", w.rtl() ? "rtl" : "ltr");
  page = fill(page, "title", w("title"));
  page = fill(page, "meta",
              w("meta", {{"protocol", escape_html(report["protocol"]["title"][lang].get<std::string>())},
                         {"protocol_id", escape_html(report["protocol"]["id"].get<std::string>())},
                         {"version", w.count(report["protocol"]["version"])},
                         {"as_of", escape_html(display_date(as_of, lang, lang == "fa"))},
                         {"scope_note", named_centres ? w("scope_centre") : w("scope_all")}}));
  page = fill(page, "caveat", w("caveat"));
  page = fill(page, "footer", w("footer", {{"source", escape_html(report["claims_source"][lang].get<std::string>())}}));
  return fill(page, "body", body);
}

}  // namespace rp::app
