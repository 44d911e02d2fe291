#pragma once
// The patient's payment plan as a printable A4 sheet (issue 19): the agreed estimate (each
// step's price, the total, each insurer's share and the patient's), the price list
// version it used, and each payment due with
// its day, amount and what was paid, in English (Gregorian dates) or Persian (right to
// left, Jalali dates, Persian digits). Drawn by pdf() like a label, so its text is shaped
// and its fonts embedded.
#include <string>
#include <string_view>
#include <vector>

#include "api/labels/label.hpp"
#include "domain/cost/payments.hpp"
#include "domain/patient.hpp"

namespace rp::labels {

struct PlanSheet {
  cost::PaymentPlan plan;
  cost::PlanStanding standing;
  Patient patient;
  std::string centre_name;  // in the sheet's language
  std::string printed_on;   // the day, as the sheet's language writes dates
  // Each of plan.payers' insurers, named in the sheet's language, in their order.
  std::vector<std::string> payer_names;
};

Label plan_sheet(const PlanSheet& sheet, std::string_view lang);

}  // namespace rp::labels
