// Instalment plans (domain/cost/instalments.hpp): over many random shares, down payments,
// counts and first dates, the down payment and the instalments sum to the share exactly,
// every instalment but the last is the even share rounded down to 10,000 rials, and each
// falls on the first date's Jalali day of the month, clamped to a shorter month's end.
#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "base/jalali.hpp"
#include "domain/cost/instalments.hpp"

namespace rp::cost {
namespace {

TEST(Instalments, TheSeedsPriceInSixMonthsFromTheLastDayOfShahrivar) {
  // 16,000,000 tomans, 4,000,000 down, 6 months from 1405/06/31: months 7-11 have 30
  // days, so the 31st becomes the 30th, and Esfand 1405 (not a leap year) its 29th.
  const auto plan = plan_instalments(Money::tomans(16'000'000), Money::tomans(4'000'000), 6, from_jalali(1405, 6, 31));
  EXPECT_EQ(plan.financed, Money::tomans(12'000'000));
  ASSERT_EQ(plan.instalments.size(), 6U);
  const int days[] = {31, 30, 30, 30, 30, 30};
  for (int i = 0; i < 6; ++i) {
    const auto j = to_jalali(plan.instalments[i].due);
    EXPECT_EQ(j.y, 1405);
    EXPECT_EQ(j.m, 6 + i);
    EXPECT_EQ(j.d, days[i]);
    EXPECT_EQ(plan.instalments[i].amount, Money::tomans(2'000'000));
  }
  const auto esfand = plan_instalments(Money::rials(1'000'000), Money::rials(0), 3, from_jalali(1405, 11, 30));
  EXPECT_EQ(to_jalali(esfand.instalments[1].due).iso(), "1405-12-29");
  EXPECT_EQ(to_jalali(esfand.instalments[2].due).iso(), "1406-01-30");
  // 1,000,000 rials in 3: 330,000 twice, 340,000 last.
  EXPECT_EQ(esfand.instalments[0].amount.in_rials(), 330'000);
  EXPECT_EQ(esfand.instalments[2].amount.in_rials(), 340'000);
}

TEST(Instalments, ALeapEsfandKeepsItsThirtieth) {
  ASSERT_EQ(jalali_month_days(1403, 12), 30);  // 1403 is a leap year
  ASSERT_EQ(jalali_month_days(1404, 12), 29);
  const auto plan = plan_instalments(Money::rials(500'000), Money::rials(0), 2, from_jalali(1403, 11, 30));
  EXPECT_EQ(to_jalali(plan.instalments[1].due).iso(), "1403-12-30");
}

TEST(Instalments, AnyPlanSumsToTheShareExactly) {
  std::mt19937_64 random(1405);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::int64_t total = 10'000 + static_cast<std::int64_t>(random() % 5'000'000'000'000LL);
    const std::int64_t down = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(total));
    const int months = 1 + static_cast<int>(random() % kMaxInstalments);
    const CivilDate first = from_jalali(1390 + static_cast<int>(random() % 30), 1 + static_cast<int>(random() % 12),
                                        1 + static_cast<int>(random() % 29));
    InstalmentPlan plan;
    try {
      plan = plan_instalments(Money::rials(total), Money::rials(down), months, first);
    } catch (const InputError& e) {
      // Only a share too small for that many instalments of 10,000 rials is refused.
      EXPECT_EQ(e.field(), "months");
      EXPECT_LT((total - down) / months, kInstalmentStepRials);
      continue;
    }
    ASSERT_EQ(plan.instalments.size(), static_cast<std::size_t>(months));
    std::int64_t sum = down;
    const std::int64_t even = plan.instalments[0].amount.in_rials();
    const JalaliDate day = to_jalali(first);
    for (const auto& i : plan.instalments) {
      sum += i.amount.in_rials();
      if (i.n < months) {
        EXPECT_EQ(i.amount.in_rials(), even);
        EXPECT_EQ(even % kInstalmentStepRials, 0);
      }
      const JalaliDate due = to_jalali(i.due);
      const int month_index = (day.y * 12 + day.m - 1) + (i.n - 1);
      EXPECT_EQ(due.y * 12 + due.m - 1, month_index) << "one a month";
      EXPECT_EQ(due.d, std::min(day.d, jalali_month_days(due.y, due.m)));
    }
    EXPECT_EQ(sum, total) << total << " " << down << " " << months;
    const std::int64_t last = plan.instalments.back().amount.in_rials();
    EXPECT_GE(last, even);
    EXPECT_LT(last - even, kInstalmentStepRials * months) << "the remainder is the rounding, no more";
  }
}

TEST(Instalments, ImpossiblePlansAreRefusedNamingTheField) {
  const CivilDate day = from_jalali(1405, 1, 1);
  auto field = [&](Money total, Money down, int months) {
    try {
      plan_instalments(total, down, months, day, {"down-rials", "months"});
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field(Money::rials(1'000'000), Money::rials(1'000'001), 3), "down-rials");
  EXPECT_EQ(field(Money::rials(1'000'000), Money::rials(1'000'000), 3), "down-rials");
  EXPECT_EQ(field(Money::rials(1'000'000), Money::rials(0), 0), "months");
  EXPECT_EQ(field(Money::rials(1'000'000), Money::rials(0), kMaxInstalments + 1), "months");
  EXPECT_EQ(field(Money::rials(25'000), Money::rials(0), 3), "months");
  EXPECT_EQ(field(Money::rials(25'000), Money::rials(0), 1), "accepted");
}

}  // namespace
}  // namespace rp::cost
