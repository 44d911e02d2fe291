// `regenpath payment plan|record|show`: a patient's payment plan and the payments
// received against it, as the operator (issue 19, service/payments.hpp); the coordinator's
// screen and the API do the same.
//
//   regenpath payment plan --episode 12 --year 1405 [--cell-source adipose] [--expansion]
//       [--guidance fluoroscopy] [--insurer supplementary-example-30:12] --down-rials D
//       --months M --first-due YYYY/MM/DD (Jalali)
//   regenpath payment record --episode 12 --amount-rials R --paid-on YYYY-MM-DD
//       [--paid-on-jalali YYYY/MM/DD] --method cash|card|transfer|cheque [--reference TEXT]
//   regenpath payment show --episode 12
//
// JSON on stdout as the API answers it.
#include "api/contract/payments.hpp"
#include "app/cli.hpp"
#include "app/cli_treatment.hpp"
#include "app/store_options.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"
#include "service/payments.hpp"
#include "service/protocols.hpp"

namespace rp::app {
namespace {

struct PaymentArgs {
  std::string db = kDefaultDb;
  std::int64_t episode = 0;
  TreatmentArgs treatment;
  std::string down = "0", months, first_due;
  std::string amount, paid_on, paid_on_jalali, method, reference;
  std::int64_t payment = 0;
  std::string reason;
};

void print_plan(const service::PlanView& v) {
  print_json(api::http::encode(api::contract::payment_plan_out(v, service::insurance_rules())));
}

void agree(const PaymentArgs& a) {
  service::PlanRequest r;
  r.estimate = estimate_request(a.treatment, "");  // the episode's centre
  r.down = rials_from_text(a.down, "down-rials");
  r.months = whole_number(a.months, "months", 1, cost::kMaxInstalments);
  r.first_due = parse_jalali_input(a.first_due, "first-due", "first-due");
  auto store = open_store(a.db);
  const Clock clock = Clock::system();
  print_plan(service::Payments(*store, clock).agree(service::Actor::cli_operator(), a.episode, r));
}

void record(const PaymentArgs& a) {
  if (a.paid_on.empty() == a.paid_on_jalali.empty()) throw InputError("paid-on", "required"_err);
  service::PaymentIn p;
  p.amount = rials_from_text(a.amount, "amount-rials");
  p.paid_on = a.paid_on.empty() ? parse_jalali_input(a.paid_on_jalali, "paid-on-jalali", "paid-on")
                                : parse_gregorian_input(a.paid_on, "paid-on", "paid-on-jalali");
  p.method = cost::parse_payment_method(a.method, "method");
  p.reference = a.reference;
  auto store = open_store(a.db);
  const Clock clock = Clock::system();
  print_plan(service::Payments(*store, clock).record(service::Actor::cli_operator(), a.episode, p));
}

}  // namespace

void add_payment_commands(CLI::App& app) {
  auto* payment =
      app.add_subcommand("payment", "A patient's payment plan and the payments received: plan, record, reverse, show");
  payment->require_subcommand(1);
  auto a = std::make_shared<PaymentArgs>();

  auto* plan = payment->add_subcommand("plan", "Agrees the episode's payment plan from an estimate (JSON)");
  add_db_option(plan, a->db);
  plan->add_option("--episode", a->episode, "the episode's id")->required();
  add_treatment_options(plan, a->treatment);
  plan->add_option("--down-rials", a->down, "the down payment, due today (default 0)");
  plan->add_option("--months", a->months, "monthly instalments of the rest")->required();
  plan->add_option("--first-due", a->first_due, "the first instalment's Jalali date, YYYY/MM/DD")->required();
  plan->callback([a] { agree(*a); });

  auto* rec = payment->add_subcommand("record", "Records a payment received against the episode's plan (JSON)");
  add_db_option(rec, a->db);
  rec->add_option("--episode", a->episode, "the episode's id")->required();
  rec->add_option("--amount-rials", a->amount, "what was received, in rials (any digits)")->required();
  rec->add_option("--paid-on", a->paid_on, "the day it was paid, YYYY-MM-DD");
  rec->add_option("--paid-on-jalali", a->paid_on_jalali, "or the same day in the Jalali calendar, YYYY/MM/DD");
  rec->add_option("--method", a->method, "cash, card, transfer or cheque")->required();
  rec->add_option("--reference", a->reference, "a slip's or a transfer's number");
  rec->callback([a] { record(*a); });

  auto* rev = payment->add_subcommand(
      "reverse", "Reverses a payment recorded in error: kept, counting for nothing, with why (JSON: the plan)");
  add_db_option(rev, a->db);
  rev->add_option("--episode", a->episode, "the episode's id")->required();
  rev->add_option("--payment", a->payment, "the payment's id (payment show lists them)")->required();
  rev->add_option("--reason", a->reason, "why it was recorded in error")->required();
  rev->callback([a] {
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    print_plan(
        service::Payments(*store, clock).reverse(service::Actor::cli_operator(), a->episode, a->payment, a->reason));
  });

  auto* show = payment->add_subcommand("show", "The episode's plan as it stands today (JSON; null without one)");
  add_db_option(show, a->db);
  show->add_option("--episode", a->episode, "the episode's id")->required();
  show->callback([a] {
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    const auto v = service::Payments(*store, clock).of_episode(service::Actor::cli_operator(), a->episode);
    print_json(v ? api::http::encode(api::contract::payment_plan_out(*v, service::insurance_rules()))
                 : nlohmann::json(nullptr));
  });
}

}  // namespace rp::app
