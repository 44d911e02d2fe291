// The printed labels read back as a scanner reads them: each label is drawn (SVG and PDF,
// English and Persian), rasterised by an independent renderer (rsvg-convert for the SVG,
// poppler's pdftoppm for the PDF) and decoded by zbar; the bars must carry exactly the
// ISBT 128 data structure of the DIN, or the wristband's record number. The SVG is read by
// an XML parser, and the Persian label is checked for Jalali dates in Persian digits and
// no Latin word.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "api/labels/layouts.hpp"
#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"

namespace rp::labels {
namespace {

class LabelFiles {
 public:
  LabelFiles() {
    char tmpl[] = "/tmp/rp-label-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  ~LabelFiles() { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& body) const {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << body;
    return path;
  }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

// Standard output of a shell command (its standard error dropped).
std::string label_command_output(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// What zbar reads from the label drawn in `format`, rasterised at 300 dpi.
std::string scanned(const Label& label, const std::string& format, const LabelFiles& files) {
  const std::string png = files.path(format + ".png");
  std::filesystem::remove(png);
  if (format == "pdf") {
    const std::string pdf_file = files.write("label.pdf", pdf(label));
    label_command_output("pdftoppm -r 300 -png -singlefile " + pdf_file + " " + files.path("pdf"));
  } else {
    const std::string svg_file = files.write("label.svg", svg(label));
    label_command_output("rsvg-convert -d 300 -p 300 -b white -o " + png + " " + svg_file);
  }
  EXPECT_TRUE(std::filesystem::exists(png)) << format << " was not rasterised";
  return label_command_output("zbarimg -q --raw " + png);
}

product::Product cell_product() {
  product::Product p;
  p.id = 1;
  p.din = product::make_din("RPLAB", "26", 42).text();
  p.product_code = "S0000";
  p.source = CellSource::bone_marrow;
  p.method = product::Method::density_gradient;
  p.state = product::State::released;
  p.harvest_ended_at = "2026-11-29T06:30:00.000Z";
  p.expires_at = "2026-12-01T06:30:00.000Z";  // 10:00 in Tehran
  return p;
}

Patient donor(std::string mrn = "MRN-1007") {
  Patient p;
  p.id = 7;
  p.mrn = std::move(mrn);
  p.name_fa = "داریوش حسینی";
  p.name_latin = "Dariush Hosseini";
  p.birth_date = CivilDate::from_ymd(1970, 10, 11);
  return p;
}

// The texts of an SVG's <text> elements whose class is not in `skip`, joined.
std::string svg_texts(const std::string& svg_text, const std::vector<std::string>& skip = {}) {
  static const std::regex text_element(R"re(<text class="([a-z-]*)"[^>]*>([^<]*)</text>)re");
  std::string out;
  for (std::sregex_iterator it(svg_text.begin(), svg_text.end(), text_element), end; it != end; ++it) {
    if (std::find(skip.begin(), skip.end(), (*it)[1].str()) != skip.end()) continue;
    out += (*it)[2].str() + "\n";
  }
  return out;
}

TEST(LabelBarcodes, ProductLabelScansAsTheDinsIsbt128DataStructure) {
  LabelFiles files;
  const auto p = cell_product();
  const std::string expected = product::Din::parse13(p.din).scan_data();
  ASSERT_EQ(expected.size(), 16u);
  ASSERT_EQ(expected.front(), '=');
  for (const char* lang : {"en", "fa"})
    for (const char* format : {"svg", "pdf"})
      EXPECT_EQ(scanned(product_label(p, donor(), lang), format, files), expected) << lang << " " << format;
}

TEST(LabelBarcodes, WristbandScansAsTheRecordNumber) {
  LabelFiles files;
  for (const char* lang : {"en", "fa"})
    for (const char* format : {"svg", "pdf"})
      EXPECT_EQ(scanned(wristband_label(donor("MRN-2026/17"), lang), format, files), "MRN-2026/17")
          << lang << " " << format;
}

TEST(LabelBarcodes, WristbandRefusesARecordNumberNoBarcodeCarries) {
  try {
    wristband_label(donor("پرونده-17"), "fa");
    FAIL() << "a record number in Persian letters was drawn as Code 128";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.field(), "mrn");
    EXPECT_EQ(e.code(), "mrn_not_barcode_text");
  }
}

TEST(LabelBarcodes, SvgIsWellFormedXmlWithTheCheckCharacterBoxed) {
  LabelFiles files;
  Patient who = donor();
  who.name_latin = "Tom & \"Jerry\" <Smith>";
  const auto p = cell_product();
  const product::Din din = product::Din::parse13(p.din);
  const std::string text = svg(product_label(p, who, "en"));
  const std::string file = files.write("well-formed.svg", text);
  // Python's own XML parser (Debian's /usr/bin/python3): the file parses, and its
  // elements say where the check character and its box are.
  const std::string read = label_command_output(
      "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E\n"
      "ns = '{http://www.w3.org/2000/svg}'\n"
      "root = E.parse(sys.argv[1]).getroot()\n"
      "box = [r for r in root.iter(ns + 'rect') if r.get('class') == 'check-box'][0]\n"
      "check = [t for t in root.iter(ns + 'text') if t.get('class') == 'check'][0]\n"
      "din = [t for t in root.iter(ns + 'text') if t.get('class') == 'din'][0]\n"
      "name = [t for t in root.iter(ns + 'text') if t.get('class') == 'name'][0]\n"
      "x, w = float(box.get('x')), float(box.get('width'))\n"
      "y, h = float(box.get('y')), float(box.get('height'))\n"
      "inside = x < float(check.get('x')) < x + w and y < float(check.get('y')) < y + h\n"
      "print(din.text + '|' + check.text + '|' + str(inside) + '|' + name.text)\" " +
      file);
  EXPECT_EQ(read, "RPLAB 26 000042|" + std::string(1, din.check()) + "|True|Tom & \"Jerry\" <Smith>");
}

TEST(LabelBarcodes, PersianLabelHasJalaliDatesInPersianDigitsAndNoLatinWord) {
  const auto p = cell_product();
  const Patient who = donor();
  const std::string text = svg(product_label(p, who, "fa"));
  // The identifiers are printed as they are scanned and typed; every other line is Persian.
  std::string lines = svg_texts(text, {"din", "check"});
  for (const std::string& id : {who.mrn, p.product_code}) {
    for (auto at = lines.find(id); at != std::string::npos; at = lines.find(id)) lines.erase(at, id.size());
  }
  EXPECT_FALSE(std::regex_search(lines, std::regex("[A-Za-z0-9]"))) << lines;
  EXPECT_NE(lines.find(who.name_fa), std::string::npos);
  EXPECT_EQ(lines.find(who.name_latin), std::string::npos);
  // Harvest 2026-11-29 is 1405/09/08; expiry 2026-12-01 10:00 in Tehran is 1405/09/10.
  EXPECT_EQ(display_date(CivilDate::from_ymd(2026, 11, 29), "fa", true), persian_digits("1405/09/08"));
  EXPECT_NE(lines.find(persian_digits("1405/09/08")), std::string::npos) << lines;
  EXPECT_NE(lines.find(persian_digits("1405/09/10 10:00")), std::string::npos) << lines;
  EXPECT_NE(text.find("direction=\"rtl\""), std::string::npos);

  const std::string english = svg_texts(svg(product_label(p, who, "en")));
  EXPECT_NE(english.find("2026-11-29"), std::string::npos) << english;
  EXPECT_NE(english.find("2026-12-01 10:00"), std::string::npos) << english;
  EXPECT_NE(english.find("Dariush Hosseini"), std::string::npos);
}

TEST(LabelBarcodes, PersianPdfCarriesItsTextShapedInReadingOrder) {
  LabelFiles files;
  const std::string body = pdf(product_label(cell_product(), donor(), "fa"));
  ASSERT_EQ(body.rfind("%PDF-", 0), 0u);
  const std::string file = files.write("fa.pdf", body);
  // poppler reads the text back from the glyphs pango placed: the Persian line in its
  // logical order, and the dates in Persian digits.
  const std::string text = label_command_output("pdftotext -enc UTF-8 " + file + " -");
  EXPECT_NE(text.find("فرآوردهٔ سلولی خودی"), std::string::npos) << text;
  EXPECT_NE(text.find(persian_digits("1405/09/08")), std::string::npos) << text;
}

// The columns of a greyscale PGM (pdftoppm -gray) that hold ink within a band of rows,
// as runs of inked columns: letters joined into one word are one run.
int ink_runs(const std::string& pgm_path, int top, int bottom, int left, int right) {
  std::ifstream in(pgm_path, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  if (magic != "P5" || width <= 0 || height <= 0) return -1;
  std::string pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  int runs = 0;
  bool inked_before = false;
  for (int x = left; x < std::min(right, width); ++x) {
    bool inked = false;
    for (int y = top; y < std::min(bottom, height) && !inked; ++y)
      inked = static_cast<unsigned char>(pixels[static_cast<std::size_t>(y) * width + x]) < 128;
    if (inked && !inked_before) ++runs;
    inked_before = inked;
  }
  return runs;
}

TEST(LabelBarcodes, PersianNameInThePdfHasItsLettersJoined) {
  LabelFiles files;
  // م ح م د join one to the next and have no dots: shaped, the name is one stroke of ink;
  // drawn letter by letter, four.
  Patient who = donor();
  who.name_fa = "محمد";
  const std::string file = files.write("band.pdf", pdf(wristband_label(who, "fa")));
  label_command_output("pdftoppm -r 300 -gray -singlefile " + file + " " + files.path("band"));
  // The name's line: right-aligned at 95 mm, baseline 8 mm, 4 mm type (300 dpi: 11.81 px/mm).
  const auto px = [](double mm) { return static_cast<int>(mm * 300 / 25.4); };
  EXPECT_EQ(ink_runs(files.path("band.pgm"), px(4.5), px(9.5), px(60), px(96)), 1);
  // The same band of an English wristband, where the name starts after the bars: a Latin
  // name's letters stand apart.
  who.name_latin = "Mohammad";
  const std::string english = files.write("band-en.pdf", pdf(wristband_label(who, "en")));
  label_command_output("pdftoppm -r 300 -gray -singlefile " + english + " " + files.path("band-en"));
  EXPECT_GE(ink_runs(files.path("band-en.pgm"), px(4.5), px(9.5), px(40), px(96)), 6);
}

}  // namespace
}  // namespace rp::labels
