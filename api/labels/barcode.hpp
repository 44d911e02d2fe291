#pragma once
// Code 128 bars as zint draws them (its vector output), for the labels to place.
#include <string_view>
#include <vector>

namespace rp::labels {

// One bar, in modules (the narrowest bar's width) from the symbol's left edge.
struct Bar {
  double x, width;
};

struct Barcode {
  std::vector<Bar> bars;
  double modules = 0;  // the symbol's width, quiet zones not included
};

// The Code 128 symbol of `data` (printable ASCII; the caller refuses anything else).
// Throws std::runtime_error with zint's message if zint refuses the data.
Barcode code128(std::string_view data);

}  // namespace rp::labels
