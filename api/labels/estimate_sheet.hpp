#pragma once
// An estimate as a printable A4 sheet (issue 19): before a plan is agreed, what the
// treatment would cost at the centre with the price list current for the year (each step,
// each insurer's share, the patient's), and the instalments when they were asked for, in
// English or Persian. It says it is an estimate: the price list may change before the
// treatment, and only an agreed plan keeps its prices (plan_sheet.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/labels/label.hpp"
#include "domain/cost/instalments.hpp"
#include "domain/cost/insurance.hpp"
#include "domain/cost/price_list.hpp"

namespace rp::labels {

struct EstimateSheet {
  cost::Estimate estimate;
  std::int64_t price_list_series = 0;
  int price_list_version = 0;
  std::string centre_name;  // in the sheet's language
  cost::Treatment treatment;
  std::vector<std::string> payer_names;      // in the sheet's language, in estimate.payers' order
  std::optional<cost::InstalmentPlan> plan;  // when the estimate asked for instalments
  std::string printed_on;                    // the day, as the sheet's language writes dates
};

Label estimate_sheet(const EstimateSheet& sheet, std::string_view lang);

}  // namespace rp::labels
