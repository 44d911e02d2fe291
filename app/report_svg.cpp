#include "app/report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rp::app {
namespace {

// Coordinates in ASCII with two decimals, whatever the reader's digits.
std::string xy(double x, double y) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f,%.2f", x, y);
  return buf;
}
std::string f2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}
double value_or(Figure v, double fallback) { return v.value_or(fallback); }

// A plot area mapping data to pixels.
struct Frame {
  double left, right, top, bottom;  // pixels
  double x_max, y_max;              // data
  double x(double v) const { return left + (right - left) * v / x_max; }
  double y(double v) const { return bottom - (bottom - top) * v / y_max; }
};

std::string axes(const Frame& f) {
  return "<line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.bottom) + "\" x2=\"" + f2(f.right) + "\" y2=\"" + f2(f.bottom) +
         "\" stroke=\"#8a93a3\"/><line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.top) + "\" x2=\"" + f2(f.left) +
         "\" y2=\"" + f2(f.bottom) + "\" stroke=\"#8a93a3\"/>";
}

std::string text_at(double x, double y, const std::string& s, const char* anchor = "middle") {
  return "<text x=\"" + f2(x) + "\" y=\"" + f2(y) + "\" text-anchor=\"" + anchor + "\">" + s + "</text>";
}

std::string y_grid_percent(const Frame& f, const Words& w) {
  std::string out;
  for (int k = 0; k <= 4; ++k) {
    const double v = k / 4.0;
    out += "<line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.y(v)) + "\" x2=\"" + f2(f.right) + "\" y2=\"" + f2(f.y(v)) +
           "\" stroke=\"#eceff4\"/>";
    out += text_at(f.left - 6, f.y(v) + 4, w.digits(std::to_string(25 * k)) + (w.rtl() ? "٪" : "%"), "end");
  }
  return out;
}

}  // namespace

std::string survival_svg(const contract::SurvivalOut& survival, const Words& w) {
  const auto& curve = survival.curve;
  double x_max = 1095;
  for (const auto& p : curve) x_max = std::max(x_max, p.day);
  const Frame f{64, 660, 16, 236, x_max, 1};
  std::string upper, lower, line;
  double prev_s = 1, prev_u = 1, prev_l = 1;
  for (const auto& p : curve) {
    const double d = p.day, s = value_or(p.surv, 0);
    const double u = value_or(p.upper, s), l = value_or(p.lower, s);
    upper += xy(f.x(d), f.y(prev_u)) + " " + xy(f.x(d), f.y(u)) + " ";
    lower = xy(f.x(d), f.y(l)) + " " + xy(f.x(d), f.y(prev_l)) + " " + lower;
    line += (line.empty() ? "M" : " L") + xy(f.x(d), f.y(prev_s)) + " L" + xy(f.x(d), f.y(s));
    prev_s = s;
    prev_u = u;
    prev_l = l;
  }
  std::string svg =
      "<svg class=\"figure\" direction=\"ltr\" viewBox=\"0 0 680 320\" width=\"680\" height=\"320\" "
      "role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += y_grid_percent(f, w) + axes(f);
  if (!curve.empty()) {
    svg += "<polygon class=\"ci-band\" points=\"" + upper + lower + "\" fill=\"#9cc3e6\" fill-opacity=\"0.45\"/>";
    svg += "<path class=\"survival-curve\" d=\"" + line + "\" fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"2\"/>";
  }
  // A tick where someone's follow-up ended without a replacement (censored), as R's
  // plot.survfit marks them.
  std::string ticks;
  for (const auto& c : survival.censored) {
    const double x = f.x(c.day), y = f.y(value_or(c.surv, 0));
    ticks += "M" + xy(x, y - 5) + " L" + xy(x, y + 5) + " ";
  }
  if (!ticks.empty()) {
    svg += "<path class=\"censor-marks\" d=\"" + ticks + "\" fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"1.5\"/>";
  }
  // Time axis with the number at risk beneath each tick.
  svg += text_at(4, 274, w("at_risk"), "start");  // above the row, so a long word never meets its numbers
  for (const auto& p : survival.at) {
    const double d = p.day;
    if (d > x_max) continue;
    svg += "<line x1=\"" + f2(f.x(d)) + "\" y1=\"" + f2(f.bottom) + "\" x2=\"" + f2(f.x(d)) + "\" y2=\"" +
           f2(f.bottom + 4) + "\" stroke=\"#8a93a3\"/>";
    svg += text_at(f.x(d), f.bottom + 16, w.digits(std::to_string(static_cast<int>(d))));
    svg += "<text class=\"at-risk\" x=\"" + f2(f.x(d)) + "\" y=\"290\" text-anchor=\"middle\">" + w.count(p.n_risk) +
           "</text>";
  }
  svg += text_at((f.left + f.right) / 2, 312, w("days"));
  return svg + "</svg>";
}

std::string trajectory_svg(const contract::TrajectoryOut& trajectory,
                           const std::vector<contract::TimePointOut>& time_points, double top, const Words& w) {
  const auto& points = trajectory.points;
  const double slots = static_cast<double>(std::max<std::size_t>(time_points.size(), 2) - 1);
  const Frame f{48, 320, 12, 152, slots, top};
  std::string svg =
      "<svg class=\"figure trajectory\" direction=\"ltr\" viewBox=\"0 0 340 190\" width=\"340\" "
      "height=\"190\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (int k = 0; k <= 4; ++k) {
    const double v = top * k / 4;
    svg += "<line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.y(v)) + "\" x2=\"" + f2(f.right) + "\" y2=\"" + f2(f.y(v)) +
           "\" stroke=\"#eceff4\"/>";
    svg += text_at(f.left - 5, f.y(v) + 4, w.number(v, 0), "end");
  }
  svg += axes(f);
  std::string line;
  for (std::size_t t = 0; t < time_points.size() && t < points.size(); ++t) {
    const double x = f.x(static_cast<double>(t));
    std::string label = time_points[t].id;
    if (label.rfind("prom-", 0) == 0) label = label.substr(5);
    svg += text_at(x, f.bottom + 15, escape_html(w.digits(label)));
    const contract::TrajectoryPointOut& p = points[t];
    if (!p.mean) continue;
    const double m = *p.mean;
    // Below the minimum number of answers there is no interval: the point is drawn hollow.
    const bool no_interval = p.interval == "n_too_small";
    const bool bar = !no_interval && p.lower && p.upper;
    if (bar) {
      svg += "<line class=\"ci\" x1=\"" + f2(x) + "\" y1=\"" + f2(f.y(std::clamp(*p.lower, 0.0, top))) + "\" x2=\"" +
             f2(x) + "\" y2=\"" + f2(f.y(std::clamp(*p.upper, 0.0, top))) +
             "\" stroke=\"#1f5f99\" stroke-width=\"1.5\"/>";
    }
    svg += "<circle class=\"" + std::string(bar ? "mean" : "mean no-interval") + "\" cx=\"" + f2(x) + "\" cy=\"" +
           f2(f.y(std::clamp(m, 0.0, top))) + "\" r=\"3.5\" " +
           (bar ? "fill=\"#1f5f99\"" : "fill=\"#fff\" stroke=\"#1f5f99\" stroke-width=\"1.5\"") + "/>";
    line += (line.empty() ? "M" : " L") + xy(x, f.y(std::clamp(m, 0.0, top)));
  }
  if (!line.empty()) svg += "<path d=\"" + line + "\" fill=\"none\" stroke=\"#1f5f99\" stroke-opacity=\"0.5\"/>";
  return svg + "</svg>";
}

std::string funnel_svg(const contract::FunnelOut& funnel, const Words& w) {
  double x_max = 10;
  for (const auto& c : funnel.centres) x_max = std::max(x_max, static_cast<double>(c.n.value_or(0)) * 1.1);
  const Frame f{64, 660, 16, 256, x_max, 1};
  std::string svg =
      "<svg class=\"figure funnel\" direction=\"ltr\" viewBox=\"0 0 680 300\" width=\"680\" "
      "height=\"300\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += y_grid_percent(f, w) + axes(f);
  const char* styles[] = {"stroke-dasharray=\"5,4\" stroke=\"#7c8799\"", "stroke-dasharray=\"5,4\" stroke=\"#7c8799\"",
                          "stroke=\"#b04a4a\"", "stroke=\"#b04a4a\""};
  for (int k = 0; k < 4; ++k) {
    std::string d;
    for (const auto& l : funnel.limits) {
      const Figure bound = k == 0 ? l.lower95 : k == 1 ? l.upper95 : k == 2 ? l.lower998 : l.upper998;
      if (!bound || l.n > x_max) continue;
      d += (d.empty() ? "M" : " L") + xy(f.x(l.n), f.y(*bound));
    }
    if (!d.empty()) svg += "<path class=\"limit\" d=\"" + d + "\" fill=\"none\" " + styles[k] + "/>";
  }
  if (funnel.overall) {
    const double p = *funnel.overall;
    svg += "<line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.y(p)) + "\" x2=\"" + f2(f.right) + "\" y2=\"" + f2(f.y(p)) +
           "\" stroke=\"#1f5f99\"/>";
  }
  for (const auto& c : funnel.centres) {
    if (!c.rate || !c.n) continue;  // no rate to plot, or suppressed
    const double x = f.x(static_cast<double>(*c.n)), y = f.y(*c.rate);
    const bool own = c.own;
    svg += "<circle class=\"centre\" cx=\"" + f2(x) + "\" cy=\"" + f2(y) + "\" r=\"5\" fill=\"" +
           (own ? "#d9822b" : "#1f5f99") + "\"/>";
    svg += text_at(x + 8, y - 6, escape_html(c.centre), "start");
  }
  for (int k = 0; k <= 4; ++k) {
    const double n = x_max * k / 4;
    svg += text_at(f.x(n), f.bottom + 16, w.number(n, 0));
  }
  svg += text_at((f.left + f.right) / 2, 292, w("patients"));
  return svg + "</svg>";
}

// Observed / expected against the expected count; the ratio's axis runs 0 to 3 (a unit
// beyond is drawn on the edge, its figure in the table beside).
std::string ratio_funnel_svg(const contract::AdjustedComparisonOut& c, const Words& w) {
  double x_max = 10;
  for (const auto& u : c.units) x_max = std::max(x_max, value_or(u.expected, 0) * 1.1);
  const double y_max = 3;
  const Frame f{64, 660, 16, 256, x_max, y_max};
  std::string svg =
      "<svg class=\"figure ratio-funnel\" direction=\"ltr\" viewBox=\"0 0 680 300\" width=\"680\" "
      "height=\"300\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += axes(f);
  for (int k = 0; k <= 3; ++k) svg += text_at(f.left - 6, f.y(k) + 4, w.number(static_cast<double>(k), 0), "end");
  const char* styles[] = {"stroke-dasharray=\"5,4\" stroke=\"#7c8799\"", "stroke-dasharray=\"5,4\" stroke=\"#7c8799\"",
                          "stroke=\"#b04a4a\"", "stroke=\"#b04a4a\""};
  for (int k = 0; k < 4; ++k) {
    std::string d;
    for (const auto& l : c.limits) {
      const Figure bound = k == 0 ? l.lower95 : k == 1 ? l.upper95 : k == 2 ? l.lower998 : l.upper998;
      if (!bound || l.expected > x_max) continue;
      d += (d.empty() ? "M" : " L") + xy(f.x(l.expected), f.y(std::min(*bound, y_max)));
    }
    if (!d.empty()) svg += "<path class=\"limit\" d=\"" + d + "\" fill=\"none\" " + styles[k] + "/>";
  }
  svg += "<line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.y(1)) + "\" x2=\"" + f2(f.right) + "\" y2=\"" + f2(f.y(1)) +
         "\" stroke=\"#1f5f99\"/>";
  for (const auto& u : c.units) {
    if (!u.ratio || !u.expected) continue;
    const double x = f.x(*u.expected), y = f.y(std::min(*u.ratio, y_max));
    svg += "<circle class=\"unit\" cx=\"" + f2(x) + "\" cy=\"" + f2(y) + "\" r=\"5\" fill=\"" +
           (u.own ? "#d9822b" : "#1f5f99") + "\"/>";
    svg += text_at(x + 8, y - 6, escape_html(u.label), "start");
  }
  for (int k = 0; k <= 4; ++k) svg += text_at(f.x(x_max * k / 4), f.bottom + 16, w.number(x_max * k / 4, 0));
  svg += text_at((f.left + f.right) / 2, 292, w("xc_expected_axis"));
  return svg + "</svg>";
}

// One operator's CUSUM after each result, with the threshold it signals at.
std::string cusum_svg(const contract::OperatorCusumOut& c, double threshold, const Words& w) {
  double y_max = threshold * 1.25;
  for (double v : c.value) y_max = std::max(y_max, v * 1.1);
  const double x_max = std::max<double>(2, static_cast<double>(c.value.size()));
  const Frame f{64, 660, 12, 132, x_max, y_max};
  std::string svg =
      "<svg class=\"figure cusum\" direction=\"ltr\" viewBox=\"0 0 680 160\" width=\"680\" height=\"160\" "
      "role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">" +
      axes(f);
  svg += "<line x1=\"" + f2(f.left) + "\" y1=\"" + f2(f.y(threshold)) + "\" x2=\"" + f2(f.right) + "\" y2=\"" +
         f2(f.y(threshold)) + "\" stroke=\"#b04a4a\" stroke-dasharray=\"5,4\"/>";
  svg += text_at(f.left - 6, f.y(threshold) + 4, w.number(threshold, 1), "end");
  std::string d = "M" + xy(f.x(0), f.y(0));
  for (std::size_t t = 0; t < c.value.size(); ++t) d += " L" + xy(f.x(static_cast<double>(t + 1)), f.y(c.value[t]));
  svg += "<path class=\"cusum-line\" d=\"" + d + "\" fill=\"none\" stroke=\"#1f5f99\"/>";
  svg += text_at((f.left + f.right) / 2, 152, w("xc_cusum_axis"));
  return svg + "</svg>";
}

}  // namespace rp::app
