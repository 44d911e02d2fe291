// Payment plans and payments (issue 19; service/payments.hpp): the coordinator agrees a
// patient's plan from an estimate and records what was paid; the centre's staff read it;
// the patient reads their own on the portal.
#include "api/contract/labels.hpp"
#include "api/contract/payments.hpp"
#include "api/labels/plan_sheet.hpp"
#include "api/routes.hpp"
#include "api/sheet_files.hpp"
#include "base/jalali.hpp"
#include "service/protocols.hpp"

namespace rp::api {
namespace {

contract::PaymentPlanAnswer plan_answer(const std::optional<service::PlanView>& v) {
  contract::PaymentPlanAnswer out;
  if (v) out.plan = contract::payment_plan_out(*v, service::insurance_rules());
  return out;
}

// The plan as a printable A4 PDF in the reader's language (lang: en or fa).
http::Response plan_sheet_pdf(Services& s, const http::Call& c, const contract::SheetQuery& q) {
  const std::string lang = sheet_language(q);
  const auto print = service::Payments(s.store, s.clock).printable(c.actor, episode_param(c));
  labels::PlanSheet sheet{print.view.plan,
                          print.view.standing,
                          print.patient,
                          lang == "fa" ? print.centre.name_fa : print.centre.name_en,
                          display_date(s.clock.today(), lang, lang == "fa"),
                          {}};
  for (const auto& payer : print.view.plan.payers)
    sheet.payer_names.push_back(service::insurance_rules().name_of(payer.insurer).in(lang));
  return sheet_pdf(labels::plan_sheet(sheet, lang), "payment-plan-" + std::to_string(print.view.plan.episode_id));
}

// Both readers' sheets (staff and the patient) answer alike: the service decides whose.
http::Handler plan_sheet_handler(Services& s) {
  return http::answering_files(
      {"application/pdf"}, http::querying<contract::SheetQuery>(
                               [&s](http::Call& c, const contract::SheetQuery& q) { return plan_sheet_pdf(s, c, q); }));
}

}  // namespace

void add_payment_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/payment-plan",
         "The episode's payment plan as it stands today: what falls due when, what was paid (payments settle the "
         "oldest first), the balance and what is overdue; null before one is agreed",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return plan_answer(service::Payments(s.store, s.clock).of_episode(c.actor, episode_param(c)));
         }});
  r.add({"PUT",
         "/api/v1/episodes/{episode_id}/payment-plan",
         "Agrees the patient's payment plan: the estimate at the episode's centre (the price list current for the "
         "year, the insurers' shares) and the patient's share as a down payment due today and monthly instalments. "
         "Agreed again while nothing was paid; refused once a payment was recorded (payment_plan_has_payments)",
         service::Permission::payment_record,
         {},
         "{year, cell_source, expansion, guidance, insurers: [{insurer, months_insured}], down_rials, months, "
         "first_due | first_due_jalali}",
         false,
         false,
         [&s](http::Call& c, const contract::EstimateIn& in) {
           if (!in.months) throw InputError("months", "required"_err);
           if (!in.first_due) throw InputError("first_due", "required"_err);
           const auto down = in.down_rials.value_or(0);
           if (down < 0 || down > Money::kMaxRials)
             throw InputError("down_rials", "integer_range"_err,
                              {{"name", "down_rials"}, {"min", 0}, {"max", Money::kMaxRials}});
           service::PlanRequest request{contract::to_estimate_request(in, ""), Money::rials(down),
                                        static_cast<int>(std::clamp<std::int64_t>(*in.months, -1, 1000)),
                                        *in.first_due};
           return contract::payment_plan_out(
               service::Payments(s.store, s.clock).agree(c.actor, episode_param(c), std::move(request)),
               service::insurance_rules());
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/payments",
         "Records a payment received against the episode's plan: at most the balance, paid on a day not after today "
         "nor before the plan; the plan as it stands after it",
         service::Permission::payment_record,
         {},
         "{amount_rials, paid_on | paid_on_jalali, method, reference?}",
         false,
         false,
         [&s](http::Call& c, const contract::PaymentIn& in) {
           if (in.amount_rials < 1 || in.amount_rials > Money::kMaxRials)
             throw InputError("amount_rials", "integer_range"_err,
                              {{"name", "amount_rials"}, {"min", 1}, {"max", Money::kMaxRials}});
           const service::PaymentIn payment{Money::rials(in.amount_rials), in.paid_on,
                                            cost::parse_payment_method(in.method, "method"), in.reference.value_or("")};
           return contract::payment_plan_out(
               service::Payments(s.store, s.clock).record(c.actor, episode_param(c), payment),
               service::insurance_rules());
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/payments/{payment_id}/reversal",
         "Reverses a payment recorded in error (the wrong amount, day or patient): it stays on the plan with who "
         "reversed it, when and why, and counts for nothing; the plan as it stands after it. Record the right "
         "payment after it",
         service::Permission::payment_record,
         {},
         "{reason}",
         false,
         false,
         [&s](http::Call& c, const contract::PaymentReversalIn& in) {
           const auto payment = http::id_param(c.request.params.at("payment_id"), "payment");
           return contract::payment_plan_out(
               service::Payments(s.store, s.clock).reverse(c.actor, episode_param(c), payment, in.reason),
               service::insurance_rules());
         }});
  r.add({"GET",
         "/api/v1/me/episodes/{episode_id}/payment-plan",
         "The signed-in patient's own payment plan for the episode: what falls due when, what they paid and what is "
         "overdue; null before one is agreed",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return plan_answer(service::Payments(s.store, s.clock).of_episode(c.actor, episode_param(c)));
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/payment-plan/sheet",
         "The episode's payment plan as a printable A4 PDF (?lang=en, the default, or fa: right to left, Jalali "
         "dates, Persian digits): the total, the patient's share, each payment due with what was paid, the balance",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         plan_sheet_handler(s)});
  r.add({"GET",
         "/api/v1/me/episodes/{episode_id}/payment-plan/sheet",
         "The signed-in patient's own payment plan as a printable A4 PDF (?lang=en or fa)",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         plan_sheet_handler(s)});
}

}  // namespace rp::api
