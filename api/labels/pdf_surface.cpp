#include "api/labels/pdf_surface.hpp"

#include <stdexcept>

namespace rp::labels::drawing {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Layout text_layout(cairo_t* cr, const char* family, double size_mm, bool bold, bool rtl) {
  Layout layout(pango_cairo_create_layout(cr));
  Font font(pango_font_description_from_string(family));
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), size_mm * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_auto_dir(layout.get(), FALSE);
  PangoContext* context = pango_layout_get_context(layout.get());
  pango_context_set_base_dir(context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_layout_context_changed(layout.get());
  return layout;
}

PdfSurface::PdfSurface(double width_mm, double height_mm, const std::string& title)
    : surface_(
          cairo_pdf_surface_create_for_stream(append_bytes, &out_, width_mm * kPointsPerMm, height_mm * kPointsPerMm)) {
  if (!title.empty()) cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cr_.reset(cairo_create(surface_.get()));
  cairo_scale(cr_.get(), kPointsPerMm, kPointsPerMm);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options(cr_.get(), options);
  cairo_font_options_destroy(options);
  cairo_set_source_rgb(cr_.get(), 0, 0, 0);
}

std::string PdfSurface::finish() {
  if (cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr_.get())));
  cr_.reset();
  cairo_surface_finish(surface_.get());
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface_.get())));
  surface_.reset();
  return std::move(out_);
}

}  // namespace rp::labels::drawing
