#include "domain/cost/payments.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::cost {

std::string_view to_string(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::card:
      return "card";
    case PaymentMethod::transfer:
      return "transfer";
    case PaymentMethod::cheque:
      return "cheque";
    case PaymentMethod::cash:
      break;
  }
  return "cash";
}

PaymentMethod parse_payment_method(std::string_view text, std::string_view field) {
  for (const auto m : {PaymentMethod::cash, PaymentMethod::card, PaymentMethod::transfer, PaymentMethod::cheque})
    if (to_string(m) == text) return m;
  throw InputError(std::string(field), "unknown_payment_method"_err);
}

std::vector<Instalment> due_in_order(const InstalmentPlan& plan, const CivilDate& agreed_on) {
  std::vector<Instalment> out;
  if (plan.down > Money()) out.push_back({0, agreed_on, plan.down});
  out.insert(out.end(), plan.instalments.begin(), plan.instalments.end());
  return out;
}

PlanStanding standing(const PaymentPlan& plan, const std::vector<Payment>& payments, const CivilDate& today) {
  PlanStanding s;
  std::int64_t left = 0;  // paid and not yet set against an instalment, in rials
  for (const auto& p : payments)
    if (!p.reversed()) left += p.amount.in_rials();
  s.paid = Money::rials(std::min(left, Money::kMaxRials));
  std::int64_t overdue = 0, owed = 0;
  for (const auto& i : plan.instalments) {
    const std::int64_t settled = std::min(left, i.amount.in_rials());
    left -= settled;
    const bool late = i.due < today && settled < i.amount.in_rials();
    if (late) {
      overdue += i.amount.in_rials() - settled;
      if (!s.overdue_since) s.overdue_since = i.due;
    }
    owed += i.amount.in_rials();
    s.instalments.push_back({i, Money::rials(settled), late});
  }
  s.overdue = Money::rials(overdue);
  s.balance = Money::rials(std::max<std::int64_t>(0, owed - s.paid.in_rials()));
  return s;
}

void validate_payment(const Payment& payment, const PaymentPlan& plan, Money balance, const CivilDate& today) {
  if (payment.amount <= Money())
    throw InputError("amount_rials", "integer_range"_err,
                     {{"name", "amount_rials"}, {"min", 1}, {"max", Money::kMaxRials}});
  if (payment.amount > balance)
    throw InputError("amount_rials", "payment_exceeds_balance"_err, {{"balance", balance.in_rials()}});
  if (today < payment.paid_on) throw InputError("paid_on", "in_the_future"_err);
  if (payment.paid_on < plan.agreed_on)
    throw InputError("paid_on", "payment_before_plan"_err, {{"agreed_on", plan.agreed_on.iso()}});
  if (payment.reference.size() > kMaxPaymentReferenceBytes)
    throw InputError("reference", "too_many_bytes"_err,
                     {{"max", static_cast<std::int64_t>(kMaxPaymentReferenceBytes)}});
  check_typed_text(payment.reference, "reference", false);
}

}  // namespace rp::cost
