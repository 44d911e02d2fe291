#pragma once
// An instalment plan (issue 19): the patient's share less a down payment, in M monthly
// instalments. Each but the last is the even share rounded down to 10,000 rials (1,000
// tomans); the last takes the remainder, so the down payment and the instalments sum to
// the share exactly. Instalments fall due on the first due date's Jalali day of the month,
// clamped to a shorter month's last day (months 7-11 have 30 days; Esfand 29, or 30 in a
// leap year).
#include <string>
#include <vector>

#include "base/civil_date.hpp"
#include "base/money.hpp"

namespace rp::cost {

inline constexpr std::int64_t kInstalmentStepRials = 10'000;
inline constexpr int kMaxInstalments = 60;

struct Instalment {
  int n = 0;  // 1..M
  CivilDate due;
  Money amount;
};

struct InstalmentPlan {
  Money total, down, financed;  // financed = total - down
  std::vector<Instalment> instalments;
};

// The names the caller's input goes by, for its errors (a command line's flags, a form's
// fields).
struct InstalmentFields {
  std::string down = "down_rials", months = "months";
};

// InputError naming fields.down when the down payment is not below the total, and
// fields.months when months is outside 1..kMaxInstalments or would make an instalment
// under kInstalmentStepRials.
InstalmentPlan plan_instalments(Money total, Money down, int months, const CivilDate& first_due,
                                const InstalmentFields& fields = {});

}  // namespace rp::cost
