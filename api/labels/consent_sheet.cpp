// cairo draws the pages and the signature's strokes; pango shapes and wraps the text (a
// Persian paragraph right to left, its letters joined) with the DejaVu fonts, embedded.
// Paragraphs are laid out whole and drawn line by line, so a page breaks between lines.
#include "api/labels/consent_sheet.hpp"

#include <cstdio>

#include "api/labels/pdf_surface.hpp"
#include "base/clock.hpp"
#include "base/digits.hpp"
#include "base/jalali.hpp"
#include "base/utc_instant.hpp"
#include "base/zone_day.hpp"

namespace rp::labels {
namespace {

constexpr double kSheetWidth = 210, kSheetHeight = 297, kSheetMargin = 18,
                 kSheetBottom = kSheetHeight - kSheetMargin - 6;
constexpr double kPadWidth = 84, kPadHeight = 28;  // the signing pad's 3:1
// A signature by the typed name alone (clang-format never settles on this Persian line).
// clang-format off
constexpr const char* kTypedOnlyEn = "Signed with the typed name alone: the patient could not draw a signature.";
constexpr const char* kTypedOnlyFa = "امضا با نامی که بیمار نوشت، بی‌نقش: بیمار نمی‌توانست امضا بکشد.";
// clang-format on

// The pages as they are written: a cursor down the page, a new page when a line does not fit.
class Pages {
 public:
  Pages(cairo_t* cr, bool fa, std::string footer) : cr_(cr), fa_(fa), footer_(std::move(footer)) {}

  // A paragraph across the text's width; `marked`: a bar at its start side (regenpath's
  // figures, set apart from the clinic's words).
  void paragraph(const std::string& text, double size, bool bold = false, bool marked = false) {
    drawing::Layout layout = drawing::text_layout(cr_, "DejaVu Sans", size, bold, fa_);
    const double indent = marked ? 4 : 0;
    pango_layout_set_width(layout.get(), static_cast<int>((kSheetWidth - 2 * kSheetMargin - indent) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), fa_ ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_spacing(layout.get(), static_cast<int>(size * 0.25 * PANGO_SCALE));
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    pango_cairo_update_layout(cr_, layout.get());
    const double left = kSheetMargin + (fa_ ? 0 : indent);
    double top = y_;  // where the layout's top stands on this page
    drawing::LineIter it(pango_layout_get_iter(layout.get()));
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
      const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double line_height = static_cast<double>(logical.height) / PANGO_SCALE;
      if (top + line_top + line_height > kSheetBottom) {
        next_page();
        top = y_ - line_top;
      }
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it.get())) / PANGO_SCALE;
      if (marked) {
        const double bar_x = fa_ ? kSheetWidth - kSheetMargin - 1 : kSheetMargin;
        cairo_set_source_rgb(cr_, 0.55, 0.55, 0.55);
        cairo_rectangle(cr_, bar_x, top + line_top, 1, line_height);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
      }
      cairo_move_to(cr_, left + static_cast<double>(logical.x) / PANGO_SCALE, top + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it.get()));
      y_ = top + line_top + line_height;
    } while (pango_layout_iter_next_line(it.get()));
    y_ += size * 0.6;
  }

  void gap(double mm) { y_ += mm; }

  // The drawn signature in a framed pad at the start side.
  void signature(const std::vector<consent::Stroke>& strokes) {
    if (y_ + kPadHeight > kSheetBottom) next_page();
    const double x0 = fa_ ? kSheetWidth - kSheetMargin - kPadWidth : kSheetMargin;
    cairo_set_line_width(cr_, 0.25);
    cairo_rectangle(cr_, x0, y_, kPadWidth, kPadHeight);
    cairo_stroke(cr_);
    cairo_set_line_width(cr_, 0.5);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    for (const auto& stroke : strokes) {
      for (std::size_t i = 0; i < stroke.size(); ++i) {
        const double x = x0 + stroke[i].x * kPadWidth, y = y_ + stroke[i].y * kPadHeight;
        if (i == 0)
          cairo_move_to(cr_, x, y);
        else
          cairo_line_to(cr_, x, y);
      }
      cairo_stroke(cr_);
    }
    y_ += kPadHeight + 4;
  }

  void finish() {
    draw_footer();
    cairo_show_page(cr_);
  }

 private:
  void next_page() {
    draw_footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kSheetMargin;
  }
  void draw_footer() {
    drawing::Layout layout = drawing::text_layout(cr_, "DejaVu Sans", 2.6, false, fa_);
    const std::string page = std::to_string(page_);
    const std::string text = footer_ + (fa_ ? " · صفحهٔ " + persian_digits(page) : " · page " + page);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    pango_layout_set_width(layout.get(), static_cast<int>((kSheetWidth - 2 * kSheetMargin) * PANGO_SCALE));
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
    pango_cairo_update_layout(cr_, layout.get());
    cairo_move_to(cr_, kSheetMargin, kSheetHeight - kSheetMargin);
    pango_cairo_show_layout(cr_, layout.get());
  }

  cairo_t* cr_;
  bool fa_;
  std::string footer_;
  double y_ = kSheetMargin;
  int page_ = 1;
};

const char* kind_words(consent::ConsentKind k, bool fa) {
  switch (k) {
    case consent::ConsentKind::treatment:
      return fa ? "رضایت به درمان" : "Consent to treatment";
    case consent::ConsentKind::registry:
      return fa ? "رضایت به استفاده از داده‌ها در رجیستری"
                : "Consent to the registry's use of data";
    case consent::ConsentKind::contact:
      return fa ? "رضایت به تماس" : "Consent to be contacted";
  }
  return "";
}

std::string role_words(const std::string& role, bool fa) {
  if (!fa) return role;
  if (role == "surgeon") return "جراح";
  if (role == "coordinator") return "هماهنگ‌کننده";
  if (role == "admin") return "مدیر مرکز";
  return role;
}

// An instant as the clinic reads it: its day (Jalali in Persian) and time in Tehran.
std::string tehran_moment(const std::string& iso, bool fa) {
  if (iso.empty()) return "";
  const UtcInstant at = parse_utc_instant(iso, "at");
  const std::string zone = "Asia/Tehran";
  const CivilDate day = civil_date_in_zone(at.ms, zone);
  const std::int64_t minutes = (at.ms - day_start_in_zone(day, zone)) / 60000;
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  const std::string time = fa ? persian_digits(clock) : clock;
  return display_date(day, fa ? "fa" : "en", fa) + (fa ? "، ساعت " : ", ") + time +
         (fa ? " به وقت تهران" : " Tehran time");
}

}  // namespace

std::string consent_pdf(const consent::SignedConsent& s) {
  const bool fa = s.shown.language == "fa";
  const auto& copy = s.shown;
  drawing::PdfSurface surface(kSheetWidth, kSheetHeight, copy.title);
  {
    const std::string version = std::to_string(s.version);
    const std::string what =
        std::string(kind_words(s.kind, fa)) + (fa ? " · نسخهٔ " + persian_digits(version) : " · version " + version);
    Pages pages(surface.cr(), fa, what);
    pages.paragraph(copy.title, 6, true);
    pages.paragraph(what + " · " + s.protocol, 3.2);
    pages.paragraph(
        (fa ? "رقم‌ها تا این لحظه: " : "Figures as of ") + tehran_moment(copy.figures_as_of, fa), 3.2);
    pages.gap(3);
    for (const auto& section : copy.sections) {
      pages.paragraph(section.heading, 4.4, true);
      for (const auto& block : section.blocks) pages.paragraph(block.text, 3.5, false, block.figure);
      pages.gap(2);
    }
    if (!copy.questions.empty()) {
      pages.paragraph(fa ? "پرسش‌ها و پاسخ‌های داده‌شده" : "Questions and the answers given",
                      4.4, true);
      for (std::size_t i = 0; i < copy.questions.size(); ++i) {
        const auto& q = copy.questions[i];
        const int chosen = i < s.answers.size() ? s.answers[i] : -1;
        pages.paragraph(q.prompt, 3.5);
        if (chosen >= 0 && static_cast<std::size_t>(chosen) < q.options.size())
          pages.paragraph((fa ? "پاسخ: " : "Answer: ") + q.options[static_cast<std::size_t>(chosen)], 3.5, true);
      }
      pages.gap(2);
    }
    pages.paragraph(fa ? "امضا" : "Signature", 4.4, true);
    pages.paragraph((fa ? "نامی که بیمار نوشت: " : "Name typed by the patient: ") + s.signed_name, 3.5);
    pages.paragraph((fa ? "زمان امضا: " : "Signed on ") + tehran_moment(s.signed_at, fa), 3.5);
    if (s.strokes.empty())
      pages.paragraph(fa ? kTypedOnlyFa : kTypedOnlyEn, 3.5, true);
    else
      pages.signature(s.strokes);
    if (s.witnessed())
      pages.paragraph((fa ? "گواهی‌شده به دست " : "Countersigned by ") + s.witness_by + " (" +
                          role_words(s.witness_role, fa) + ")" + (fa ? "، " : ", ") + tehran_moment(s.witnessed_at, fa),
                      3.5);
    else
      pages.paragraph(fa ? "هنوز گواهی نشده است." : "Not countersigned yet.", 3.5);
    pages.finish();
  }
  return surface.finish();
}

}  // namespace rp::labels
