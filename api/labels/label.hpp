#pragma once
// A printable label as drawn: its size and what is on it, in millimetres from its
// top-left corner. The product label and the wristband are laid out once (layouts.hpp);
// svg.cpp and pdf.cpp draw the same layout, so the two formats cannot disagree.
#include <string>
#include <vector>

namespace rp::labels {

// Where a text's x is: its left end, its middle or its right end (a Persian line is
// placed by its right end).
enum class Align { left, centre, right };

struct Text {
  double x = 0, y = 0;   // y is the baseline
  double size = 3;       // the font's size
  double max_width = 0;  // a text wider than this is drawn smaller to fit (0: no limit)
  std::string text;      // UTF-8
  Align align = Align::left;
  bool bold = false;
  bool rtl = false;   // a Persian line: its base direction is right to left
  bool mono = false;  // the DIN and the record number: fixed-width, so the box fits
  std::string role;   // what it is (din, check, name, ...): the SVG's class
};

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  std::string role;  // the SVG's class (check-box, edge)
};

struct Label {
  double width = 0, height = 0;
  std::string lang;          // en | fa
  std::string title;         // what the label is, for the SVG's title
  std::string barcode_data;  // what the bars carry
  std::vector<Rect> bars;    // filled black
  std::vector<Rect> frames;  // outlined: the boxed check character, the label's edge
  std::vector<Text> texts;
};

// The formats a label is printed in.
std::string svg(const Label& label);
std::string pdf(const Label& label);

}  // namespace rp::labels
