// The product label (100 × 70 mm) and the wristband (100 × 25 mm). A Persian label is
// the English one mirrored: its lines start at the right edge and read right to left;
// the bars and the DIN read left to right in both.
#include "api/labels/layouts.hpp"

#include <algorithm>

#include "api/labels/barcode.hpp"
#include "api/labels/label_text.hpp"
#include "base/error.hpp"

namespace rp::labels {
namespace {

constexpr double kMargin = 5;
// The module (narrowest bar) printed at 0.33 mm unless the symbol must fit a narrower space.
constexpr double kModule = 0.33;
// DejaVu Sans Mono's advance is 0.602 of its size: the DIN's width is known before drawing.
constexpr double kMonoAdvance = 0.602;

// Places zint's bars at (x, y), `height` tall, scaled to at most `max_width`; returns the width.
double place_bars(Label& label, const Barcode& code, double x, double y, double height, double max_width) {
  const double module = std::min(kModule, max_width / code.modules);
  for (const Bar& b : code.bars) label.bars.push_back({x + b.x * module, y, b.width * module, height, "bar"});
  return code.modules * module;
}

// A line of text at the label's reading edge: the left margin in English, the right in Persian.
Text line(const Label& label, double y, double size, std::string text, bool bold = false, std::string role = "") {
  const bool fa = label.lang == "fa";
  Text t;
  t.x = fa ? label.width - kMargin : kMargin;
  t.y = y;
  t.size = size;
  t.max_width = label.width - 2 * kMargin;
  t.text = std::move(text);
  t.align = fa ? Align::right : Align::left;
  t.bold = bold;
  t.rtl = fa;
  t.role = std::move(role);
  return t;
}

// The Code 128 data the record number becomes: printable ASCII only, which every
// scanner reads back as typed.
void check_barcode_text(const std::string& mrn) {
  const bool printable =
      !mrn.empty() && std::all_of(mrn.begin(), mrn.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  if (!printable) throw ConflictError("mrn", "mrn_not_barcode_text"_err, {{"mrn", mrn}});
}

Label blank(double width, double height, std::string_view lang) {
  Label label;
  label.width = width;
  label.height = height;
  label.lang = lang == "fa" ? "fa" : "en";
  label.frames.push_back({0.2, 0.2, width - 0.4, height - 0.4, "edge"});
  return label;
}

}  // namespace

Label product_label(const product::Product& p, const Patient& donor, std::string_view lang) {
  Label label = blank(100, 70, lang);
  const Words& w = words(label.lang);
  const bool fa = label.lang == "fa";
  const product::Din din = product::Din::parse13(p.din);
  label.title = std::string(w.title) + " " + din.with_check();
  label.barcode_data = din.scan_data();

  label.texts.push_back(line(label, 7, 3.6, w.title, true, "title"));
  Text only = line(label, 7, 2.6, w.only, true, "only");
  only.x = fa ? kMargin : label.width - kMargin;
  only.align = fa ? Align::left : Align::right;
  only.max_width = 40;
  label.texts.push_back(only);

  // The bars, centred, then the DIN to read under them: facility, year, sequence, and
  // the check character in its box.
  const Barcode code = code128(label.barcode_data);
  const double bars_width = std::min(code.modules * kModule, label.width - 2 * kMargin);
  place_bars(label, code, (label.width - bars_width) / 2, 10, 14, bars_width);
  const std::string readable =
      std::string(din.facility()) + " " + std::string(din.year()) + " " + std::string(din.sequence());
  const double size = 4.2, advance = kMonoAdvance * size;
  const double box = advance + 1.4, gap = 1.2;
  const double readable_width = advance * static_cast<double>(readable.size());
  const double left = (label.width - readable_width - gap - box) / 2;
  label.texts.push_back(
      {.x = left, .y = 30, .size = size, .text = readable, .bold = true, .mono = true, .role = "din"});
  label.frames.push_back({left + readable_width + gap, 30 - size * 0.95, box, size * 1.25, "check-box"});
  label.texts.push_back({.x = left + readable_width + gap + box / 2,
                         .y = 30,
                         .size = size,
                         .text = std::string(1, din.check()),
                         .align = Align::centre,
                         .bold = true,
                         .mono = true,
                         .role = "check"});

  label.texts.push_back(line(label, 37.5, 3.2,
                             source_text(p.source, label.lang) + (fa ? "، " : ", ") + method_text(p, label.lang), false,
                             "description"));
  label.texts.push_back(line(label, 42, 2.6, std::string(w.product_code) + ": " + p.product_code, false, "code"));
  label.texts.push_back(line(label, 49, 4, name_text(donor, label.lang), true, "name"));
  label.texts.push_back(line(label, 54, 3.2, std::string(w.mrn) + ": " + donor.mrn, false, "mrn"));
  const std::string harvested = p.harvest_ended_at.empty() ? p.harvest_started_at : p.harvest_ended_at;
  label.texts.push_back(line(label, 60.5, 3.2,
                             std::string(w.harvested) + ": " + instant_date_text(harvested, label.lang), false,
                             "harvested"));
  std::string expires = std::string(w.expires) + ": " + instant_date_text(p.expires_at, label.lang);
  if (const std::string time = instant_time_text(p.expires_at, label.lang); !time.empty())
    expires += " " + time + " (" + w.tehran_time + ")";
  label.texts.push_back(line(label, 66, 3.6, expires, true, "expires"));
  return label;
}

Label wristband_label(const Patient& patient, std::string_view lang) {
  check_barcode_text(patient.mrn);
  Label label = blank(100, 25, lang);
  const Words& w = words(label.lang);
  const bool fa = label.lang == "fa";
  label.title = std::string(w.wristband) + " " + patient.mrn;
  label.barcode_data = patient.mrn;
  const double bars_width = place_bars(label, code128(patient.mrn), 4, 3.5, 12, 52);
  label.texts.push_back(
      {.x = 4, .y = 20.5, .size = 3.2, .max_width = bars_width, .text = patient.mrn, .mono = true, .role = "mrn"});
  // The name and the rest beside the bars, from the reading edge.
  const double text_left = 4 + bars_width + 4;
  for (Text t :
       {line(label, 8, 4, name_text(patient, label.lang), true, "name"),
        line(label, 14, 3, std::string(w.mrn) + ": " + patient.mrn, false, "mrn-line"),
        line(label, 19.5, 3, std::string(w.born) + ": " + date_text(patient.birth_date, label.lang), false, "born")}) {
    if (!fa) t.x = text_left;
    t.max_width = label.width - kMargin - text_left;
    label.texts.push_back(std::move(t));
  }
  return label;
}

}  // namespace rp::labels
