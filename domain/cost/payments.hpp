#pragma once
// A patient's payment plan and the payments recorded against it (issue 19). The plan is
// the estimate the patient agreed to, kept: the price list version it used, the total,
// the patient's share, and what falls due when (the down payment on the day of
// agreement, then each instalment). A payment is what the coordinator received, on the
// day it was paid; payments settle what fell due first, oldest first, so that what is
// overdue on a day is what fell due before it and was not yet paid.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "base/money.hpp"
#include "domain/cost/instalments.hpp"
#include "domain/cost/insurance.hpp"

namespace rp::cost {

enum class PaymentMethod { cash, card, transfer, cheque };
std::string_view to_string(PaymentMethod m);
// InputError(field, unknown_payment_method) for another text.
PaymentMethod parse_payment_method(std::string_view text, std::string_view field);

inline constexpr std::size_t kMaxPaymentReferenceBytes = 100;

struct PaymentPlan {
  std::int64_t id = 0, episode_id = 0, patient_id = 0;
  std::string centre_id;
  std::int64_t price_list_id = 0;  // the version the estimate priced with
  Money total, patient;            // the treatment's total and the patient's share of it
  // The estimate as agreed: each step's price (they sum to `total`) and each insurer's
  // share (with `patient`, they sum to `total`). Empty for a plan agreed before they were
  // kept (migration 0039).
  std::vector<PriceLine> lines;
  std::vector<PayerShare> payers;
  CivilDate agreed_on;  // the down payment falls due that day
  // The down payment as instalment 0 (when there is one), then 1..M: they sum to `patient`.
  std::vector<Instalment> instalments;
  std::string agreed_by, agreed_at;
};

// The down payment as instalment 0 due on `agreed_on`, then the plan's instalments.
std::vector<Instalment> due_in_order(const InstalmentPlan& plan, const CivilDate& agreed_on);

struct Payment {
  std::int64_t id = 0, plan_id = 0;
  Money amount;
  CivilDate paid_on;
  PaymentMethod method = PaymentMethod::cash;
  std::string reference;  // a card slip's or a transfer's number; may be empty
  std::string recorded_by, recorded_at;
  // A payment recorded in error (the wrong amount, episode or day) is reversed, never
  // deleted: it stays on the record with who reversed it, when and why, and counts for
  // nothing. The coordinator records the right payment after it.
  std::optional<std::string> reversed_at;
  std::string reversed_by, reversal_reason;
  bool reversed() const { return reversed_at.has_value(); }
};

struct InstalmentStanding {
  Instalment instalment;
  Money paid;            // of this instalment, from the payments settled oldest first
  bool overdue = false;  // due before the day and not wholly paid
};

struct PlanStanding {
  std::vector<InstalmentStanding> instalments;
  Money paid, balance;                     // paid in all; the share less what was paid
  Money overdue;                           // fell due before the day and not yet paid
  std::optional<CivilDate> overdue_since;  // the oldest instalment still overdue
};

// Where the plan stands on `today` with `payments` (a reversed one counts for nothing).
PlanStanding standing(const PaymentPlan& plan, const std::vector<Payment>& payments, const CivilDate& today);

// A payment as received: more than nothing and not more than the balance
// (amount_rials: payment_exceeds_balance), paid on a day not after `today` nor before the
// plan was agreed (paid_on), a reference of at most kMaxPaymentReferenceBytes of one line
// (reference). Throws InputError naming the field.
void validate_payment(const Payment& payment, const PaymentPlan& plan, Money balance, const CivilDate& today);

}  // namespace rp::cost
