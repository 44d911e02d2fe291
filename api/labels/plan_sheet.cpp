#include "api/labels/plan_sheet.hpp"

#include "api/labels/cost_sheet.hpp"

namespace rp::labels {
namespace {

struct PlanWords {
  const char *title, *patient, *record, *centre, *agreed, *list, *which_col, *due_col, *amount_col, *paid_col, *down,
      *instalment, *paid, *balance, *overdue, *note, *printed;
};
constexpr PlanWords kPlanEn{"Treatment cost and payment plan",
                            "Patient",
                            "Record number",
                            "Centre",
                            "Agreed on",
                            "Price list",
                            "Payment",
                            "Due",
                            "Amount",
                            "Paid",
                            "Down payment",
                            "Instalment",
                            "Paid in all",
                            "Still to pay",
                            "Overdue",
                            "Amounts in tomans. The share is what insurers do not pay; the payments sum to it exactly.",
                            "Printed on"};
constexpr PlanWords kPlanFa{"هزینهٔ درمان و برنامهٔ پرداخت",
                            "بیمار",
                            "شمارهٔ پرونده",
                            "مرکز",
                            "تاریخ توافق",
                            "فهرست قیمت",
                            "پرداخت",
                            "سررسید",
                            "مبلغ",
                            "پرداخت‌شده",
                            "پیش‌پرداخت",
                            "قسط",
                            "کل پرداخت‌شده",
                            "مانده",
                            "سررسید گذشته",
                            "مبلغ‌ها به تومان است. سهم بیمار آن است که بیمه‌ها "
                            "نمی‌پردازند؛ "
                            "پرداخت‌ها "
                            "دقیقاً به آن می‌رسند.",
                            "تاریخ چاپ"};

}  // namespace

Label plan_sheet(const PlanSheet& sheet, std::string_view lang) {
  const PlanWords& w = lang == "fa" ? kPlanFa : kPlanEn;
  CostSheet s(lang, w.title);
  const std::string name = s.fa()
                               ? sheet.patient.name_fa
                               : (sheet.patient.name_latin.empty() ? sheet.patient.name_fa : sheet.patient.name_latin);
  s.line(w.patient, name);
  s.line(w.record, sheet.patient.mrn);
  s.line(w.centre, sheet.centre_name);
  s.line(w.agreed, s.date(sheet.plan.agreed_on));
  s.line(w.list, s.number(sheet.plan.price_list_id));
  s.gap(0.5);
  // The estimate as agreed (a plan agreed before it was kept has only its total and share).
  cost::Estimate agreed{sheet.plan.lines, sheet.plan.total, sheet.plan.payers, sheet.plan.patient};
  s.estimate(agreed, sheet.payer_names);
  s.gap(0.5);
  // The payments due: which, when, how much, what was paid of it.
  s.row({w.which_col, w.due_col, w.amount_col, w.paid_col}, true);
  for (const auto& i : sheet.standing.instalments) {
    const std::string which = i.instalment.n == 0 ? w.down : std::string(w.instalment) + " " + s.number(i.instalment.n);
    s.row({which, s.date(i.instalment.due), s.money(i.instalment.amount), s.money(i.paid)}, i.overdue);
  }
  s.gap(0.5);
  s.line(w.paid, s.money(sheet.standing.paid));
  s.line(w.balance, s.money(sheet.standing.balance), true);
  if (sheet.standing.overdue > Money()) s.line(w.overdue, s.money(sheet.standing.overdue), true);
  s.gap(0.5);
  s.note(w.note);
  s.line(w.printed, sheet.printed_on, false, 3);
  return s.finish();
}

}  // namespace rp::labels
