#pragma once
// What the label's PDF (pdf.cpp) and the signed consent's (consent_sheet.cpp) share: cairo's
// and pango's objects freed when they go out of scope, and a PDF drawn in millimetres into
// a string, its text metrics unhinted (a width in mm does not depend on a pixel grid).
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace rp::labels::drawing {

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Freer<cairo_surface_t, cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Freer<cairo_t, cairo_destroy>>;
using Font = std::unique_ptr<PangoFontDescription, Freer<PangoFontDescription, pango_font_description_free>>;
inline void unref_layout(PangoLayout* l) { g_object_unref(l); }
using Layout = std::unique_ptr<PangoLayout, Freer<PangoLayout, unref_layout>>;
using LineIter = std::unique_ptr<PangoLayoutIter, Freer<PangoLayoutIter, pango_layout_iter_free>>;

// A layout for one text in `family` at `size_mm`, its base direction right to left for a
// Persian text, its glyphs placed unrounded: the unit is a millimetre, and glyphs rounded
// to whole units would stand a millimetre apart and break the joins of Persian letters.
Layout text_layout(cairo_t* cr, const char* family, double size_mm, bool bold, bool rtl);

// A PDF being drawn: pages of `width` x `height` mm, the context's unit a millimetre.
class PdfSurface {
 public:
  PdfSurface(double width_mm, double height_mm, const std::string& title = "");
  cairo_t* cr() const { return cr_.get(); }
  // The file's bytes; throws std::runtime_error if cairo failed.
  std::string finish();

 private:
  std::string out_;
  Surface surface_;
  Context cr_;
};

}  // namespace rp::labels::drawing
