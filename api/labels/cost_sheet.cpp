#include "api/labels/cost_sheet.hpp"

#include <algorithm>

#include "base/digits.hpp"
#include "base/jalali.hpp"

namespace rp::labels {
namespace {

struct EstimateWords {
  const char *steps, *total, *payers, *share;
};
constexpr EstimateWords kEstimateEn{"What the treatment is made of", "Treatment total", "What each insurer pays",
                                    "Patient's share"};
constexpr EstimateWords kEstimateFa{"مرحله‌های درمان", "هزینهٔ کل درمان", "سهم هر بیمه", "سهم بیمار"};

// A step of the treatment as the estimate on the staff screen and the portal names it.
const char* item_words(cost::PriceItem item, bool fa) {
  using cost::PriceItem;
  switch (item) {
    case PriceItem::consultation:
      return fa ? "ویزیت و مشاوره" : "Consultation";
    case PriceItem::tests:
      return fa ? "تصویربرداری و آزمایش خون" : "Imaging and blood tests";
    case PriceItem::harvest_bone_marrow:
      return fa ? "برداشت از مغز استخوان" : "Harvest from bone marrow";
    case PriceItem::harvest_adipose:
      return fa ? "برداشت از بافت چربی" : "Harvest from fat tissue";
    case PriceItem::processing:
      return fa ? "فرآوری در آزمایشگاه" : "Laboratory processing";
    case PriceItem::processing_expansion:
      return fa ? "فرآوری با تکثیر سلول" : "Processing with expansion";
    case PriceItem::injection_ultrasound:
      return fa ? "تزریق با هدایت سونوگرافی" : "Injection under ultrasound";
    case PriceItem::injection_fluoroscopy:
      return fa ? "تزریق با هدایت فلوروسکوپی" : "Injection under fluoroscopy";
  }
  return "";
}

// Why an insurer pays what it pays, when that is not simply its share.
const char* why_words(const std::string& why, bool fa) {
  if (why == "pays_nothing")
    return fa ? "برای این درمان چیزی نمی‌پردازد" : "pays nothing for this treatment";
  if (why == "waiting_period") return fa ? "دورهٔ انتظار نگذشته است" : "waiting period not passed";
  if (why == "ceiling") return fa ? "تا سقف پرداخت" : "up to its ceiling";
  if (why == "rest_paid") return fa ? "آنچه مانده بود" : "what was left to pay";
  return "";
}

}  // namespace

CostSheet::CostSheet(std::string_view lang, const std::string& title) : lang_(lang), fa_(lang == "fa") {
  label_.width = kWidth;
  label_.lang = lang_;
  label_.title = title;
  // The start of a line and its far end, by the language's direction.
  start_ = fa_ ? kWidth - kMargin : kMargin;
  end_ = fa_ ? kMargin : kWidth - kMargin;
  at_start_ = fa_ ? Align::right : Align::left;
  at_end_ = fa_ ? Align::left : Align::right;
  label_.texts.push_back({start_, y_, 7, kWidth - 2 * kMargin, title, at_start_, true, fa_, false, "title"});
  y_ += kRow * 1.6;
}

void CostSheet::line(const std::string& label, const std::string& value, bool bold, double size) {
  label_.texts.push_back({start_, y_, size, 120, label, at_start_, bold, fa_, false, "label"});
  if (!value.empty()) label_.texts.push_back({end_, y_, size, 60, value, at_end_, bold, fa_, false, "value"});
  y_ += kRow;
}

void CostSheet::head(const std::string& text) {
  label_.texts.push_back({start_, y_, 3.6, 120, text, at_start_, true, fa_, false, "head"});
  y_ += kRow;
}

void CostSheet::note(const std::string& text) {
  label_.texts.push_back({start_, y_, 3, kWidth - 2 * kMargin, text, at_start_, false, fa_, false, "note"});
  y_ += kRow;
}

void CostSheet::estimate(const cost::Estimate& e, const std::vector<std::string>& payer_names) {
  const EstimateWords& w = fa_ ? kEstimateFa : kEstimateEn;
  if (!e.lines.empty()) {
    head(w.steps);
    for (const auto& item : e.lines) line(item_words(item.item, fa_), money(item.amount), false, 3.6);
  }
  line(w.total, money(e.total), true);
  if (!e.payers.empty()) {
    gap(1.0 / 3);
    head(w.payers);
    for (std::size_t i = 0; i < e.payers.size(); ++i) {
      const auto& payer = e.payers[i];
      std::string who = i < payer_names.size() ? payer_names[i] : payer.insurer;
      if (const std::string why = why_words(payer.why, fa_); !why.empty()) who += " (" + why + ")";
      line(who, money(payer.amount), false, 3.6);
    }
  }
  line(w.share, money(e.patient), true);
}

void CostSheet::row(const std::vector<std::string>& cells, bool bold) {
  // The columns' far ends: a day at 80 mm from the start, amounts at the far end and 60 mm
  // before it.
  const double due_x = fa_ ? kWidth - 80 : 80, amount_x = fa_ ? 80 : kWidth - 60;
  const double xs[] = {start_, due_x, cells.size() > 3 ? amount_x : end_, end_};
  const Align aligns[] = {at_start_, at_start_, at_end_, at_end_};
  for (std::size_t i = 0; i < cells.size() && i < 4; ++i)
    label_.texts.push_back({xs[i], y_, 3.6, 45, cells[i], aligns[i], bold, fa_, false, i == 0 ? "which" : "cell"});
  y_ += kRow * 0.85;
}

std::string CostSheet::date(const CivilDate& d) const { return display_date(d, lang_, fa_); }

std::string CostSheet::number(long long n) const {
  const std::string ascii = std::to_string(n);
  return fa_ ? persian_digits(ascii) : ascii;
}

Label CostSheet::finish() {
  label_.frames.push_back({kMargin - 6, kMargin - 4, kWidth - 2 * kMargin + 12, y_ - kMargin, "edge"});
  label_.height = std::max(kHeight, y_ + kMargin);
  return std::move(label_);
}

}  // namespace rp::labels
