// zint encodes; its vector output (rectangles) is read back as bars, so the label draws
// exactly the symbol zint made, at whatever size the label gives it.
#include "api/labels/barcode.hpp"

#include <zint.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace rp::labels {

Barcode code128(std::string_view data) {
  std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)> symbol(ZBarcode_Create(), ZBarcode_Delete);
  if (!symbol) throw std::runtime_error("zint: out of memory");
  symbol->symbology = BARCODE_CODE128;
  symbol->input_mode = DATA_MODE;
  symbol->show_hrt = 0;  // the label prints its own eye-readable text
  symbol->whitespace_width = 0;
  symbol->border_width = 0;
  const int encoded =
      ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  if (encoded >= ZINT_ERROR) throw std::runtime_error(std::string("zint: ") + symbol->errtxt);
  if (ZBarcode_Buffer_Vector(symbol.get(), 0) >= ZINT_ERROR || !symbol->vector || symbol->width <= 0)
    throw std::runtime_error(std::string("zint: ") + symbol->errtxt);
  // The vector's units are zint's own: the symbol is `width` modules across.
  const double unit = symbol->vector->width / symbol->width;
  Barcode out;
  out.modules = symbol->width;
  for (const zint_vector_rect* r = symbol->vector->rectangles; r; r = r->next) {
    if (r->colour != -1) continue;  // foreground only
    out.bars.push_back({r->x / unit, r->width / unit});
  }
  return out;
}

}  // namespace rp::labels
