// Fuzzes the labels (api/labels) with what a record may hold: any name, record number and
// stored instant. The product label is always drawn (an instant that is not one prints as
// "—"); the wristband is drawn or refused with ConflictError naming mrn; the SVG's texts
// are escaped, so every element the writer opens is closed and no '&' stands alone.
#include <cstdint>
#include <string>
#include <string_view>

#include "api/labels/layouts.hpp"
#include "base/error.hpp"

namespace {

std::string_view take(std::string_view& rest) {
  const auto cut = rest.find('\n');
  const std::string_view part = rest.substr(0, cut);
  rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  return part;
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void check_svg(const std::string& svg) {
  if (count(svg, "<text") != count(svg, "</text>")) __builtin_trap();
  for (auto at = svg.find('&'); at != std::string::npos; at = svg.find('&', at + 1)) {
    const std::string_view next = std::string_view(svg).substr(at + 1);
    if (next.rfind("amp;", 0) != 0 && next.rfind("lt;", 0) != 0 && next.rfind("gt;", 0) != 0 &&
        next.rfind("quot;", 0) != 0)
      __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  rp::Patient patient;
  patient.name_fa = std::string(take(rest));
  patient.name_latin = std::string(take(rest));
  patient.mrn = std::string(take(rest).substr(0, 32));  // the patient rules' limit
  rp::product::Product p;
  p.din = rp::product::make_din("RPLAB", "26", 1).text();
  p.harvest_ended_at = std::string(take(rest));
  p.expires_at = std::string(take(rest));
  for (const char* lang : {"en", "fa"}) {
    check_svg(rp::labels::svg(rp::labels::product_label(p, patient, lang)));
    try {
      check_svg(rp::labels::svg(rp::labels::wristband_label(patient, lang)));
    } catch (const rp::ConflictError& e) {
      if (e.field() != "mrn") __builtin_trap();
    }
  }
  return 0;
}
