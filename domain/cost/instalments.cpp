#include "domain/cost/instalments.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/jalali.hpp"

namespace rp::cost {

InstalmentPlan plan_instalments(Money total, Money down, int months, const CivilDate& first_due,
                                const InstalmentFields& fields) {
  if (months < 1 || months > kMaxInstalments)
    throw InputError(fields.months, "integer_range"_err,
                     {{"name", fields.months}, {"min", "1"}, {"max", std::to_string(kMaxInstalments)}});
  if (down >= total)
    throw InputError(fields.down, "down_payment_not_below_total"_err,
                     {{"down", std::to_string(down.in_rials())}, {"total", std::to_string(total.in_rials())}});
  InstalmentPlan plan{total, down, total - down, {}};
  const std::int64_t financed = plan.financed.in_rials();
  const std::int64_t even = financed / months / kInstalmentStepRials * kInstalmentStepRials;
  if (months > 1 && even == 0)
    throw InputError(fields.months, "instalments_too_small"_err,
                     {{"months", std::to_string(months)},
                      {"financed", std::to_string(financed)},
                      {"minimum", std::to_string(kInstalmentStepRials)}});
  const JalaliDate first = to_jalali(first_due);
  for (int n = 1; n <= months; ++n) {
    const int month_index = first.m - 1 + (n - 1);
    const int y = first.y + month_index / 12, m = month_index % 12 + 1;
    const int d = std::min(first.d, jalali_month_days(y, m));
    const std::int64_t amount = n < months ? even : financed - even * (months - 1);
    plan.instalments.push_back({n, from_jalali(y, m, d), Money::rials(amount)});
  }
  return plan;
}

}  // namespace rp::cost
