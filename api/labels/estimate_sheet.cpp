#include "api/labels/estimate_sheet.hpp"

#include "api/labels/cost_sheet.hpp"

namespace rp::labels {
namespace {

struct EstimateSheetWords {
  const char *title, *centre, *treatment, *list, *version, *plan, *down, *n_col, *due_col, *amount_col, *note, *note2,
      *printed;
};
constexpr EstimateSheetWords kEstimateSheetEn{
    "Treatment cost estimate",
    "Centre",
    "Treatment",
    "Price list",
    "version",
    "If paid in instalments",
    "Down payment",
    "No.",
    "Due",
    "Amount",
    "An estimate in tomans, at the centre's prices of the year: it is not a bill.",
    "Insurers' shares depend on their conditions; the plan agreed with the centre keeps its prices.",
    "Printed on"};
constexpr EstimateSheetWords kEstimateSheetFa{
    "برآورد هزینهٔ درمان",
    "مرکز",
    "درمان",
    "فهرست قیمت",
    "نسخهٔ",
    "در صورت پرداخت اقساطی",
    "پیش‌پرداخت",
    "ردیف",
    "سررسید",
    "مبلغ",
    "این برآوردی به تومان با قیمت‌های امسال مرکز است، نه "
    "صورت‌حساب.",
    "سهم بیمه‌ها به شرایط آن‌ها بستگی دارد؛ برنامهٔ پرداختی که با "
    "مرکز "
    "توافق شود قیمت‌هایش را نگه می‌دارد.",
    "تاریخ چاپ"};

// The treatment priced: its cell source, with expansion or not, and its guidance.
std::string treatment_words(const cost::Treatment& t, bool fa) {
  std::string out = t.source == CellSource::adipose
                        ? (fa ? "سلول‌های بافت چربی" : "Cells from fat tissue")
                        : (fa ? "سلول‌های مغز استخوان" : "Cells from bone marrow");
  if (t.expansion) out += fa ? "، با تکثیر" : ", expanded";
  out += t.guidance == Guidance::fluoroscopy ? (fa ? "، تزریق با فلوروسکوپی" : ", injected under fluoroscopy")
                                             : (fa ? "، تزریق با سونوگرافی" : ", injected under ultrasound");
  return out;
}

}  // namespace

Label estimate_sheet(const EstimateSheet& sheet, std::string_view lang) {
  const EstimateSheetWords& w = lang == "fa" ? kEstimateSheetFa : kEstimateSheetEn;
  CostSheet s(lang, w.title);
  s.line(w.centre, sheet.centre_name);
  // The treatment's words are long: on a line of their own, not in the value's column.
  s.line(std::string(w.treatment) + ": " + treatment_words(sheet.treatment, s.fa()), "");
  s.line(w.list, s.number(sheet.price_list_series) + " (" + w.version + " " + s.number(sheet.price_list_version) + ")");
  s.gap(0.5);
  s.estimate(sheet.estimate, sheet.payer_names);
  if (sheet.plan) {
    s.gap(0.5);
    s.head(w.plan);
    s.line(w.down, s.money(sheet.plan->down));
    s.row({w.n_col, w.due_col, w.amount_col}, true);
    for (const auto& i : sheet.plan->instalments) s.row({s.number(i.n), s.date(i.due), s.money(i.amount)});
  }
  s.gap(0.5);
  s.note(w.note);
  s.note(w.note2);
  s.line(w.printed, sheet.printed_on, false, 3);
  return s.finish();
}

}  // namespace rp::labels
