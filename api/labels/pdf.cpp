// A label as PDF for the label printer: cairo draws the bars and frames, pango shapes
// each text (a Persian line right to left, its letters joined) with the DejaVu fonts,
// whose glyphs are embedded, so the printer needs no font of its own.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

#include "api/labels/label.hpp"

namespace rp::labels {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Freer<cairo_surface_t, cairo_surface_destroy>>;
using Context = std::unique_ptr<cairo_t, Freer<cairo_t, cairo_destroy>>;
using Font = std::unique_ptr<PangoFontDescription, Freer<PangoFontDescription, pango_font_description_free>>;
void unref(PangoLayout* l) { g_object_unref(l); }
using Layout = std::unique_ptr<PangoLayout, Freer<PangoLayout, unref>>;

void draw_text(cairo_t* cr, const Text& t) {
  Layout layout(pango_cairo_create_layout(cr));
  Font font(pango_font_description_from_string(t.mono ? "DejaVu Sans Mono" : "DejaVu Sans"));
  pango_font_description_set_weight(font.get(), t.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  // Sizes are in the label's units (mm): the context is scaled to them.
  pango_font_description_set_absolute_size(font.get(), t.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_auto_dir(layout.get(), FALSE);
  PangoContext* context = pango_layout_get_context(layout.get());
  pango_context_set_base_dir(context, t.rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  // The unit is a millimetre: glyphs rounded to whole units would stand a millimetre
  // apart and break the joins of Persian letters.
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_layout_context_changed(layout.get());
  pango_layout_set_text(layout.get(), t.text.c_str(), static_cast<int>(t.text.size()));
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout.get(), &ink, &logical);
  double width = static_cast<double>(logical.width) / PANGO_SCALE;
  double scale = 1;
  if (t.max_width > 0 && width > t.max_width) scale = t.max_width / width;
  const double baseline = static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE;
  width *= scale;
  double x = t.x;
  if (t.align == Align::centre) x -= width / 2;
  if (t.align == Align::right) x -= width;
  cairo_save(cr);
  cairo_translate(cr, x, t.y - baseline * scale);
  cairo_scale(cr, scale, scale);
  pango_cairo_update_layout(cr, layout.get());
  pango_cairo_show_layout(cr, layout.get());
  cairo_restore(cr);
}

}  // namespace

std::string pdf(const Label& label) {
  std::string out;
  Surface surface(
      cairo_pdf_surface_create_for_stream(append, &out, label.width * kPointsPerMm, label.height * kPointsPerMm));
  {
    Context cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kPointsPerMm, kPointsPerMm);
    // Metrics unhinted: a text's width in mm does not depend on a pixel grid.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr.get(), options);
    cairo_font_options_destroy(options);
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    for (const Rect& r : label.bars) cairo_rectangle(cr.get(), r.x, r.y, r.w, r.h);
    cairo_fill(cr.get());
    cairo_set_line_width(cr.get(), 0.3);
    for (const Rect& r : label.frames) cairo_rectangle(cr.get(), r.x, r.y, r.w, r.h);
    cairo_stroke(cr.get());
    for (const Text& t : label.texts) draw_text(cr.get(), t);
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr.get())));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  return out;
}

}  // namespace rp::labels
