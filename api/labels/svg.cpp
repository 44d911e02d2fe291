// A label as SVG, in millimetres: the bars as rectangles, the texts for the viewer to
// shape (a Persian line carries direction="rtl"). Each element's class says what it is.
#include <fmt/format.h>

#include <algorithm>

#include "api/labels/label.hpp"
#include "base/markup.hpp"

namespace rp::labels {
namespace {

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

// The SVG has no way to measure a text: a line is shrunk when its width, estimated at
// 0.6 of the size per character (DejaVu's average), would pass its limit.
double fitted_size(const Text& t) {
  if (t.max_width <= 0) return t.size;
  const double estimate = 0.6 * t.size * static_cast<double>(code_points(t.text));
  return estimate > t.max_width ? t.size * t.max_width / estimate : t.size;
}

const char* anchor(const Text& t) {
  switch (t.align) {
    case Align::centre:
      return "middle";
    case Align::left:
      return t.rtl ? "end" : "start";
    case Align::right:
      return t.rtl ? "start" : "end";
  }
  return "start";
}

}  // namespace

std::string svg(const Label& label) {
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}mm\" height=\"{1}mm\" viewBox=\"0 0 {0} {1}\" "
      "lang=\"{2}\">\n<title>{3}</title>\n<desc>{4}</desc>\n"
      "<rect class=\"paper\" x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#fff\"/>\n<g class=\"barcode\" "
      "fill=\"#000\">\n",
      label.width, label.height, label.lang, escape_markup(label.title), escape_markup(label.barcode_data));
  for (const Rect& r : label.bars)
    out += fmt::format("<rect x=\"{:.4f}\" y=\"{:.4f}\" width=\"{:.4f}\" height=\"{:.4f}\"/>\n", r.x, r.y, r.w, r.h);
  out += "</g>\n";
  for (const Rect& r : label.frames)
    out += fmt::format(
        "<rect class=\"{}\" x=\"{:.3f}\" y=\"{:.3f}\" width=\"{:.3f}\" height=\"{:.3f}\" fill=\"none\" "
        "stroke=\"#000\" stroke-width=\"0.3\"/>\n",
        r.role, r.x, r.y, r.w, r.h);
  for (const Text& t : label.texts)
    out += fmt::format(
        "<text class=\"{}\" x=\"{:.3f}\" y=\"{:.3f}\" font-family=\"{}\" font-size=\"{:.3f}\"{}{} "
        "text-anchor=\"{}\">{}</text>\n",
        t.role, t.x, t.y, t.mono ? "DejaVu Sans Mono, monospace" : "DejaVu Sans, Vazirmatn, Tahoma, sans-serif",
        fitted_size(t), t.bold ? " font-weight=\"bold\"" : "", t.rtl ? " direction=\"rtl\"" : "", anchor(t),
        escape_markup(t.text));
  out += "</svg>\n";
  return out;
}

}  // namespace rp::labels
