// Payment plans (domain/cost/payments.hpp): payments settle what fell due oldest first,
// what is overdue on a day is what fell due before it unpaid, the balance is the share
// less what was paid, and a payment is refused naming the field when it is nothing, more
// than the balance, dated after today or before the plan, or has a bad reference. A
// property test: whatever the payments, what each instalment holds sums to what was paid.
#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "base/text.hpp"
#include "domain/cost/payments.hpp"

namespace rp::cost {
namespace {

const CivilDate kAgreed = CivilDate::from_ymd(2026, 3, 1);

PaymentPlan plan_of(std::int64_t share, std::int64_t down, int months) {
  PaymentPlan p;
  p.id = 1;
  p.patient = Money::rials(share);
  p.total = p.patient;
  p.agreed_on = kAgreed;
  p.instalments =
      due_in_order(plan_instalments(p.patient, Money::rials(down), months, CivilDate::from_ymd(2026, 4, 1)), kAgreed);
  return p;
}

Payment paid(std::int64_t rials, const CivilDate& on = kAgreed) {
  Payment p;
  p.amount = Money::rials(rials);
  p.paid_on = on;
  return p;
}

TEST(PaymentPlan, PaymentsSettleTheOldestFirstAndWhatFellDueUnpaidIsOverdue) {
  // 100,000,000 rials: 20,000,000 down today, then 4 x 20,000,000 from 2026-04-01.
  const PaymentPlan plan = plan_of(100'000'000, 20'000'000, 4);
  ASSERT_EQ(plan.instalments.size(), 5U);
  EXPECT_EQ(plan.instalments[0].n, 0);
  EXPECT_EQ(plan.instalments[0].due.iso(), "2026-03-01");

  // Nothing paid: on the day of agreement nothing is overdue yet; the day after, the down payment is.
  auto s = standing(plan, {}, kAgreed);
  EXPECT_EQ(s.overdue.in_rials(), 0);
  EXPECT_EQ(s.balance.in_rials(), 100'000'000);
  s = standing(plan, {}, kAgreed.plus_days(1));
  EXPECT_EQ(s.overdue.in_rials(), 20'000'000);
  EXPECT_EQ(s.overdue_since->iso(), "2026-03-01");

  // 30,000,000 paid: the down payment and half the first instalment; on 2026-04-02 the
  // rest of the first is overdue, since 2026-04-01.
  s = standing(plan, {paid(10'000'000), paid(20'000'000)}, CivilDate::from_ymd(2026, 4, 2));
  EXPECT_EQ(s.instalments[0].paid.in_rials(), 20'000'000);
  EXPECT_FALSE(s.instalments[0].overdue);
  EXPECT_EQ(s.instalments[1].paid.in_rials(), 10'000'000);
  EXPECT_TRUE(s.instalments[1].overdue);
  EXPECT_FALSE(s.instalments[2].overdue) << "not yet due";
  EXPECT_EQ(s.overdue.in_rials(), 10'000'000);
  EXPECT_EQ(s.overdue_since->iso(), "2026-04-01");
  EXPECT_EQ(s.paid.in_rials(), 30'000'000);
  EXPECT_EQ(s.balance.in_rials(), 70'000'000);

  // Paid in full: nothing overdue, nothing left, long after the last instalment.
  s = standing(plan, {paid(100'000'000)}, CivilDate::from_ymd(2027, 1, 1));
  EXPECT_EQ(s.overdue.in_rials(), 0);
  EXPECT_FALSE(s.overdue_since);
  EXPECT_EQ(s.balance.in_rials(), 0);
}

TEST(PaymentPlan, APaymentIsRefusedNamingTheField) {
  const PaymentPlan plan = plan_of(100'000'000, 0, 2);
  EXPECT_EQ(plan.instalments.front().n, 1) << "no down payment: no instalment 0";
  const CivilDate today = CivilDate::from_ymd(2026, 5, 1);
  const auto field_of = [&](const Payment& p, std::int64_t balance) -> std::string {
    try {
      validate_payment(p, plan, Money::rials(balance), today);
    } catch (const InputError& e) {
      return e.field() + ":" + e.code();
    }
    return "";
  };
  EXPECT_EQ(field_of(paid(1'000, today), 100'000'000), "");
  EXPECT_EQ(field_of(paid(0, today), 100'000'000), "amount_rials:integer_range");
  EXPECT_EQ(field_of(paid(100'000'001, today), 100'000'000), "amount_rials:payment_exceeds_balance");
  EXPECT_EQ(field_of(paid(1'000, today.plus_days(1)), 100'000'000), "paid_on:in_the_future");
  EXPECT_EQ(field_of(paid(1'000, kAgreed.plus_days(-1)), 100'000'000), "paid_on:payment_before_plan");
  auto p = paid(1'000, today);
  p.reference = "slip\n42";
  EXPECT_EQ(field_of(p, 100'000'000).substr(0, 10), "reference:");
  p.reference = std::string(kMaxPaymentReferenceBytes + 1, '7');
  EXPECT_EQ(field_of(p, 100'000'000), "reference:too_many_bytes");
  EXPECT_EQ(parse_payment_method("transfer", "method"), PaymentMethod::transfer);
  EXPECT_THROW(parse_payment_method("bitcoin", "method"), InputError);
}

TEST(PaymentPlan, AReversedPaymentCountsForNothing) {
  const PaymentPlan plan = plan_of(100'000'000, 20'000'000, 4);
  Payment wrong = paid(50'000'000);
  wrong.reversed_at = "2026-03-02T08:00:00.000Z";
  wrong.reversal_reason = "typed 50,000,000 for 5,000,000";
  const auto s = standing(plan, {wrong, paid(5'000'000)}, CivilDate::from_ymd(2026, 4, 2));
  EXPECT_EQ(s.paid.in_rials(), 5'000'000);
  EXPECT_EQ(s.balance.in_rials(), 95'000'000);
  EXPECT_EQ(s.instalments[0].paid.in_rials(), 5'000'000);
  EXPECT_EQ(s.overdue.in_rials(), 35'000'000) << "the down payment's rest and April's instalment";
  EXPECT_EQ(*s.overdue_since, kAgreed);
}

TEST(PaymentPlan, AReversalNeedsAReasonOfTypedText) {
  for (const std::string& bad :
       {std::string(), std::string("  \n "), std::string(501, 'x'), std::string("wrong\u202Eamount")}) {
    try {
      check_reason(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "reason");
    }
  }
  EXPECT_NO_THROW(check_reason("مبلغ اشتباه وارد شد"));
}

TEST(PaymentPlan, WhatEachInstalmentHoldsSumsToWhatWasPaid) {
  std::mt19937 rng(19);
  for (int run = 0; run < 500; ++run) {
    const std::int64_t share = std::uniform_int_distribution<std::int64_t>(1, 5'000)(rng) * 100'000;
    const std::int64_t down = std::uniform_int_distribution<std::int64_t>(0, share / 100'000 - 1)(rng) * 100'000;
    const int months = std::uniform_int_distribution<int>(1, 6)(rng);
    PaymentPlan plan;
    try {
      plan = plan_of(share, down, months);
    } catch (const InputError&) {
      continue;  // instalments under the step: no such plan
    }
    std::vector<Payment> payments;
    std::int64_t left = share;
    while (left > 0 && payments.size() < 5) {
      const std::int64_t amount = std::uniform_int_distribution<std::int64_t>(1, left)(rng);
      payments.push_back(paid(amount));
      left -= amount;
    }
    const CivilDate day = kAgreed.plus_days(std::uniform_int_distribution<int>(0, 400)(rng));
    const auto s = standing(plan, payments, day);
    std::int64_t held = 0, due = 0, overdue = 0;
    for (const auto& i : s.instalments) {
      held += i.paid.in_rials();
      EXPECT_LE(i.paid, i.instalment.amount);
      if (i.overdue) overdue += (i.instalment.amount - i.paid).in_rials();
      due += i.instalment.amount.in_rials();
    }
    EXPECT_EQ(held, share - left);
    EXPECT_EQ(s.paid.in_rials(), share - left);
    EXPECT_EQ(due, share);
    EXPECT_EQ(s.balance.in_rials(), left);
    EXPECT_EQ(s.overdue.in_rials(), overdue);
  }
}

}  // namespace
}  // namespace rp::cost
