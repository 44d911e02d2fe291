#include "api/labels/plan_sheet.hpp"

#include "base/digits.hpp"
#include "base/jalali.hpp"

namespace rp::labels {
namespace {

constexpr double kSheetWidth = 210, kSheetHeight = 297, kSheetMargin = 18, kSheetRow = 7;

struct SheetWords {
  const char *title, *patient, *record, *centre, *agreed, *list, *total, *share, *due_col, *amount_col, *paid_col,
      *down, *instalment, *paid, *balance, *overdue, *note, *printed, *steps, *payers;
};
constexpr SheetWords kSheetEn{
    "Treatment cost and payment plan",
    "Patient",
    "Record number",
    "Centre",
    "Agreed on",
    "Price list",
    "Treatment total",
    "Patient's share",
    "Due",
    "Amount",
    "Paid",
    "Down payment",
    "Instalment",
    "Paid in all",
    "Still to pay",
    "Overdue",
    "Amounts in tomans. The share is what insurers do not pay; the payments sum to it exactly.",
    "Printed on",
    "What the treatment is made of",
    "What each insurer pays"};
constexpr SheetWords kSheetFa{"هزینهٔ درمان و برنامهٔ پرداخت",
                              "بیمار",
                              "شمارهٔ پرونده",
                              "مرکز",
                              "تاریخ توافق",
                              "فهرست قیمت",
                              "هزینهٔ کل درمان",
                              "سهم بیمار",
                              "سررسید",
                              "مبلغ",
                              "پرداخت‌شده",
                              "پیش‌پرداخت",
                              "قسط",
                              "کل پرداخت‌شده",
                              "مانده",
                              "سررسید گذشته",
                              "مبلغ‌ها به تومان است. سهم بیمار آن است که بیمه‌ها نمی‌پردازند؛ "
                              "پرداخت‌ها "
                              "دقیقاً "
                              "به آن می‌رسند.",
                              "تاریخ چاپ",
                              "مرحله‌های درمان",
                              "سهم هر بیمه"};

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

Label plan_sheet(const PlanSheet& sheet, std::string_view lang) {
  const bool fa = lang == "fa";
  const SheetWords& w = fa ? kSheetFa : kSheetEn;
  Label l;
  l.width = kSheetWidth;
  l.lang = std::string(lang);
  l.title = w.title;
  // The start of a line and its far end, by the language's direction.
  const double start = fa ? kSheetWidth - kSheetMargin : kSheetMargin,
               end = fa ? kSheetMargin : kSheetWidth - kSheetMargin;
  const Align at_start = fa ? Align::right : Align::left, at_end = fa ? Align::left : Align::right;
  const auto number = [&](const std::string& ascii) { return fa ? persian_digits(ascii) : ascii; };
  const auto money = [&](Money m) { return m.tomans_text(lang); };
  const auto date = [&](const CivilDate& d) { return display_date(d, lang, fa); };
  double y = kSheetMargin + 8;
  const auto line = [&](const std::string& left, const std::string& right, bool bold = false, double size = 4) {
    l.texts.push_back({start, y, size, 120, left, at_start, bold, fa, false, "label"});
    if (!right.empty()) l.texts.push_back({end, y, size, 60, right, at_end, bold, fa, false, "value"});
    y += kSheetRow;
  };
  l.texts.push_back({start, y, 7, kSheetWidth - 2 * kSheetMargin, w.title, at_start, true, fa, false, "title"});
  y += kSheetRow * 1.6;
  const std::string name = fa ? sheet.patient.name_fa
                              : (sheet.patient.name_latin.empty() ? sheet.patient.name_fa : sheet.patient.name_latin);
  line(w.patient, name);
  line(w.record, sheet.patient.mrn);
  line(w.centre, sheet.centre_name);
  line(w.agreed, date(sheet.plan.agreed_on));
  line(w.list, number(std::to_string(sheet.plan.price_list_id)));
  y += kSheetRow / 2;
  // The estimate as agreed: each step, the total, each insurer, the patient's share (the
  // steps sum to the total; the insurers and the share sum to it too).
  if (!sheet.plan.lines.empty()) {
    l.texts.push_back({start, y, 3.6, 120, w.steps, at_start, true, fa, false, "head"});
    y += kSheetRow;
    for (const auto& item : sheet.plan.lines) line(item_words(item.item, fa), money(item.amount), false, 3.6);
  }
  line(w.total, money(sheet.plan.total), true);
  if (!sheet.plan.payers.empty()) {
    y += kSheetRow / 3;
    l.texts.push_back({start, y, 3.6, 120, w.payers, at_start, true, fa, false, "head"});
    y += kSheetRow;
    for (std::size_t i = 0; i < sheet.plan.payers.size(); ++i) {
      const auto& payer = sheet.plan.payers[i];
      std::string who = i < sheet.payer_names.size() ? sheet.payer_names[i] : payer.insurer;
      if (const std::string why = why_words(payer.why, fa); !why.empty()) who += " (" + why + ")";
      line(who, money(payer.amount), false, 3.6);
    }
  }
  line(w.share, money(sheet.plan.patient), true);
  y += kSheetRow / 2;
  // The payments due: which, when, how much, what was paid of it.
  const double due_x = fa ? kSheetWidth - 80 : 80, amount_x = fa ? 80 : kSheetWidth - 60;
  l.texts.push_back({due_x, y, 3.6, 40, w.due_col, at_start, true, fa, false, "head"});
  l.texts.push_back({amount_x, y, 3.6, 40, w.amount_col, at_end, true, fa, false, "head"});
  l.texts.push_back({end, y, 3.6, 40, w.paid_col, at_end, true, fa, false, "head"});
  y += kSheetRow;
  for (const auto& s : sheet.standing.instalments) {
    const std::string which =
        s.instalment.n == 0 ? w.down : std::string(w.instalment) + " " + number(std::to_string(s.instalment.n));
    l.texts.push_back({start, y, 3.6, 45, which, at_start, s.overdue, fa, false, "which"});
    l.texts.push_back({due_x, y, 3.6, 40, date(s.instalment.due), at_start, false, fa, false, "due"});
    l.texts.push_back({amount_x, y, 3.6, 45, money(s.instalment.amount), at_end, false, fa, false, "amount"});
    l.texts.push_back({end, y, 3.6, 45, money(s.paid), at_end, false, fa, false, "paid"});
    y += kSheetRow * 0.85;
  }
  y += kSheetRow / 2;
  line(w.paid, money(sheet.standing.paid));
  line(w.balance, money(sheet.standing.balance), true);
  if (sheet.standing.overdue > Money()) line(w.overdue, money(sheet.standing.overdue), true);
  y += kSheetRow / 2;
  l.texts.push_back({start, y, 3, kSheetWidth - 2 * kSheetMargin, w.note, at_start, false, fa, false, "note"});
  y += kSheetRow;
  line(w.printed, sheet.printed_on, false, 3);
  l.frames.push_back(
      {kSheetMargin - 6, kSheetMargin - 4, kSheetWidth - 2 * kSheetMargin + 12, y - kSheetMargin, "edge"});
  l.height = std::max(kSheetHeight, y + kSheetMargin);
  return l;
}

}  // namespace rp::labels
