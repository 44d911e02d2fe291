#include "api/contract/payments.hpp"

#include <algorithm>

#include "base/jalali.hpp"

namespace rp::api::contract {

PaymentPlanOut payment_plan_out(const service::PlanView& v, const cost::InsuranceRules& rules) {
  PaymentPlanOut out;
  const auto& p = v.plan;
  out.episode_id = p.episode_id;
  out.price_list_id = p.price_list_id;
  out.total_rials = p.total.in_rials();
  out.patient_rials = p.patient.in_rials();
  out.agreed_on = p.agreed_on.iso();
  out.agreed_by = p.agreed_by;
  out.agreed_at = p.agreed_at;
  for (const auto& line : p.lines) out.lines.push_back({line.item, line.amount.in_rials()});
  for (const auto& payer : p.payers) {
    const auto name = rules.name_of(payer.insurer);
    out.payers.push_back({payer.insurer, name.en, name.fa, payer.why, payer.amount.in_rials()});
  }
  for (const auto& s : v.standing.instalments) {
    std::string jalali = to_jalali(s.instalment.due).iso();
    std::replace(jalali.begin(), jalali.end(), '-', '/');
    out.instalments.push_back(
        {s.instalment.n, s.instalment.amount.in_rials(), s.paid.in_rials(), s.instalment.due.iso(), jalali, s.overdue});
  }
  for (const auto& pay : v.payments) {
    PaymentOut p{pay.id,
                 pay.amount.in_rials(),
                 pay.paid_on.iso(),
                 std::string(cost::to_string(pay.method)),
                 pay.reference,
                 pay.recorded_by,
                 pay.recorded_at,
                 {},
                 {},
                 {}};
    if (pay.reversed()) {
      p.reversed_at = pay.reversed_at;
      p.reversed_by = pay.reversed_by;
      p.reversal_reason = pay.reversal_reason;
    }
    out.payments.push_back(std::move(p));
  }
  out.paid_rials = v.standing.paid.in_rials();
  out.balance_rials = v.standing.balance.in_rials();
  out.overdue_rials = v.standing.overdue.in_rials();
  if (v.standing.overdue_since) out.overdue_since = v.standing.overdue_since->iso();
  return out;
}

}  // namespace rp::api::contract
