// A label as PDF for the label printer: cairo draws the bars and frames, pango shapes
// each text (a Persian line right to left, its letters joined) with the DejaVu fonts,
// whose glyphs are embedded, so the printer needs no font of its own.
#include "api/labels/label.hpp"
#include "api/labels/pdf_surface.hpp"

namespace rp::labels {
namespace {

using drawing::Layout;

void draw_text(cairo_t* cr, const Text& t) {
  // Sizes are in the label's units (mm): the context is scaled to them.
  Layout layout = drawing::text_layout(cr, t.mono ? "DejaVu Sans Mono" : "DejaVu Sans", t.size, t.bold, t.rtl);
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
  drawing::PdfSurface surface(label.width, label.height);
  cairo_t* cr = surface.cr();
  for (const Rect& r : label.bars) cairo_rectangle(cr, r.x, r.y, r.w, r.h);
  cairo_fill(cr);
  cairo_set_line_width(cr, 0.3);
  for (const Rect& r : label.frames) cairo_rectangle(cr, r.x, r.y, r.w, r.h);
  cairo_stroke(cr);
  for (const Text& t : label.texts) draw_text(cr, t);
  cairo_show_page(cr);
  return surface.finish();
}

}  // namespace rp::labels
