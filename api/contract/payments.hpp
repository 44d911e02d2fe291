#pragma once
// Payment plans and payments as the staff and the portal read and write them
// (api/routes_payments.cpp, service/payments.hpp). Amounts are integer rials.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/costs.hpp"
#include "api/http/contract.hpp"
#include "service/payments.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct PlanInstalmentOut {
  static constexpr const char* kSchema = "PlanInstalment";
  std::int64_t n = 0, amount_rials = 0, paid_rials = 0;
  std::string due, due_jalali;
  bool overdue = false;
  template <class V>
  static void fields(V& v) {
    using I = PlanInstalmentOut;
    v("n", &I::n, "0: the down payment, due the day the plan was agreed; then 1 for the first instalment");
    v("due", &I::due, "YYYY-MM-DD");
    v("due_jalali", &I::due_jalali, "YYYY/MM/DD");
    v("amount_rials", &I::amount_rials, "");
    v("paid_rials", &I::paid_rials, "of this payment, the payments settling the oldest first");
    v("overdue", &I::overdue, "due before today and not wholly paid");
  }
};

struct PaymentOut {
  static constexpr const char* kSchema = "Payment";
  std::int64_t id = 0, amount_rials = 0;
  std::string paid_on, method, reference, recorded_by, recorded_at;
  std::optional<std::string> reversed_at, reversed_by, reversal_reason;
  template <class V>
  static void fields(V& v) {
    v("id", &PaymentOut::id, "");
    v("amount_rials", &PaymentOut::amount_rials, "");
    v("paid_on", &PaymentOut::paid_on, "YYYY-MM-DD");
    v("method", &PaymentOut::method, "cash, card, transfer or cheque");
    v("reference", &PaymentOut::reference, "a slip's or a transfer's number; empty when none");
    v("recorded_by", &PaymentOut::recorded_by, "");
    v("recorded_at", &PaymentOut::recorded_at, "UTC");
    v("reversed_at", &PaymentOut::reversed_at,
      "UTC, when it was reversed as recorded in error: it then counts for nothing; left out when it counts",
      FieldRule{.omit_when_empty = true});
    v("reversed_by", &PaymentOut::reversed_by, "who reversed it; left out when it counts",
      FieldRule{.omit_when_empty = true});
    v("reversal_reason", &PaymentOut::reversal_reason, "why it was reversed; left out when it counts",
      FieldRule{.omit_when_empty = true});
  }
};

struct PaymentReversalIn {
  static constexpr const char* kSchema = "PaymentReversal";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &PaymentReversalIn::reason, "why the payment was recorded in error, at most 500 bytes",
      FieldRule{.max_bytes = 500});
  }
};

struct PaymentPlanOut {
  static constexpr const char* kSchema = "PaymentPlan";
  std::int64_t episode_id = 0, price_list_id = 0, total_rials = 0, patient_rials = 0;
  std::string agreed_on, agreed_by, agreed_at;
  std::vector<PriceLineIO> lines;
  std::vector<PayerOut> payers;
  std::vector<PlanInstalmentOut> instalments;
  std::vector<PaymentOut> payments;
  std::int64_t paid_rials = 0, balance_rials = 0, overdue_rials = 0;
  std::optional<std::string> overdue_since;
  template <class V>
  static void fields(V& v) {
    using P = PaymentPlanOut;
    v("episode_id", &P::episode_id, "");
    v("price_list_id", &P::price_list_id, "the price list version the estimate used");
    v("total_rials", &P::total_rials, "the treatment's total");
    v("patient_rials", &P::patient_rials, "the patient's share: the instalments sum to it");
    v("agreed_on", &P::agreed_on, "YYYY-MM-DD");
    v("agreed_by", &P::agreed_by, "");
    v("agreed_at", &P::agreed_at, "UTC");
    v("lines", &P::lines,
      "the estimate as agreed: each step's price, summing to the total; empty for a plan agreed before they were "
      "kept");
    v("payers", &P::payers, "each insurer's share as agreed; with the patient's share they sum to the total");
    v("instalments", &P::instalments, "the down payment (n 0) when there is one, then each instalment");
    v("payments", &P::payments, "in the order recorded");
    v("paid_rials", &P::paid_rials, "");
    v("balance_rials", &P::balance_rials, "the share less what was paid");
    v("overdue_rials", &P::overdue_rials, "due before today and not paid");
    v("overdue_since", &P::overdue_since, "YYYY-MM-DD of the oldest payment overdue; left out when none",
      FieldRule{.omit_when_empty = true});
  }
};

struct PaymentPlanAnswer {
  static constexpr const char* kSchema = "EpisodePaymentPlan";
  std::optional<PaymentPlanOut> plan;
  template <class V>
  static void fields(V& v) {
    v("plan", &PaymentPlanAnswer::plan, "null: no plan agreed yet");
  }
};

struct PaymentIn {
  static constexpr const char* kSchema = "PaymentRecord";
  std::int64_t amount_rials = 0;
  CivilDate paid_on;
  std::string method;
  std::optional<std::string> reference;
  template <class V>
  static void fields(V& v) {
    v("amount_rials", &PaymentIn::amount_rials, "received, at most the balance");
    v("paid_on", &PaymentIn::paid_on, "the day it was paid, Gregorian, or paid_on_jalali; not after today");
    v("method", &PaymentIn::method, "cash, card, transfer or cheque", FieldRule{.max_bytes = 16});
    v("reference", &PaymentIn::reference, "a slip's or a transfer's number, at most 100 bytes",
      FieldRule{.max_bytes = 100});
  }
};

// An insurer no longer in `rules` is named by its id in both languages.
PaymentPlanOut payment_plan_out(const service::PlanView& v, const cost::InsuranceRules& rules);

}  // namespace rp::api::contract
