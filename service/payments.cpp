#include "service/payments.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/text.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"

namespace rp::service {
namespace {

PlanView view_of(store::Transaction& tx, cost::PaymentPlan plan, const CivilDate& today) {
  PlanView v;
  v.payments = tx.payments_of_plan(plan.id);
  v.standing = cost::standing(plan, v.payments, today);
  v.plan = std::move(plan);
  return v;
}

std::string rials_text(Money m) { return std::to_string(m.in_rials()) + " rials"; }

}  // namespace

PlanView Payments::agree(const Actor& actor, std::int64_t episode_id, PlanRequest request) {
  require(actor, Permission::payment_record);
  const CivilDate today = clock_.today();
  // The first instalment falls due after the down payment, which is due the day agreed.
  if (request.first_due < today)
    throw InputError("first_due", "first_due_before_agreement"_err, {{"agreed_on", today.iso()}});
  Episode episode;
  store_.read(record_scope(actor), [&](store::Transaction& tx) { episode = visible_episode(tx, actor, episode_id); });
  request.estimate.centre = episode.centre_id;
  const PricedEstimate priced = PriceLists(store_, clock_).estimate(actor, request.estimate);
  const auto instalments =
      cost::plan_instalments(priced.estimate.patient, request.down, request.months, request.first_due);
  PlanView out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    // A plan whose payments were all reversed may be agreed again; one with a payment
    // still counting may not.
    if (const auto before = tx.payment_plan_of_episode(episode_id))
      for (const auto& p : tx.payments_of_plan(before->id))
        if (!p.reversed()) throw ConflictError("episode", "payment_plan_has_payments"_err);
    cost::PaymentPlan plan;
    plan.episode_id = episode_id;
    plan.patient_id = e.patient_id;
    plan.centre_id = e.centre_id;
    plan.price_list_id = priced.list.id;
    plan.total = priced.estimate.total;
    plan.patient = priced.estimate.patient;
    plan.lines = priced.estimate.lines;
    plan.payers = priced.estimate.payers;
    plan.agreed_on = today;
    plan.instalments = cost::due_in_order(instalments, today);
    plan.agreed_by = actor.user;
    plan.agreed_at = clock_.now_iso();
    plan.id = tx.save_payment_plan(plan);
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "payment_plan.agree", "episode", std::to_string(episode_id),
                                "share " + rials_text(plan.patient) + " in " + std::to_string(plan.instalments.size()) +
                                    " payments, price list " + std::to_string(plan.price_list_id)));
    out = view_of(tx, std::move(plan), today);
  });
  return out;
}

PlanView Payments::record(const Actor& actor, std::int64_t episode_id, const PaymentIn& in) {
  require(actor, Permission::payment_record);
  const CivilDate today = clock_.today();
  PlanView out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    auto plan = tx.payment_plan_of_episode(episode_id);
    if (!plan) throw NotFoundError("payment_plan", "payment_plan_not_found"_err);
    const auto before = cost::standing(*plan, tx.payments_of_plan(plan->id), today);
    cost::Payment p;
    p.plan_id = plan->id;
    p.amount = in.amount;
    p.paid_on = in.paid_on;
    p.method = in.method;
    p.reference = in.reference;
    p.recorded_by = actor.user;
    p.recorded_at = clock_.now_iso();
    cost::validate_payment(p, *plan, before.balance, today);
    tx.insert_payment(p, e.centre_id);
    tx.append_audit(
        audit_entry(clock_, actor, e.centre_id, "payment.record", "episode", std::to_string(episode_id),
                    rials_text(p.amount) + " by " + std::string(cost::to_string(p.method)) + " on " + p.paid_on.iso()));
    out = view_of(tx, std::move(*plan), today);
  });
  return out;
}

PlanView Payments::reverse(const Actor& actor, std::int64_t episode_id, std::int64_t payment_id,
                           const std::string& reason) {
  require(actor, Permission::payment_record);
  check_reason(reason);
  const CivilDate today = clock_.today();
  PlanView out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    auto plan = tx.payment_plan_of_episode(episode_id);
    if (!plan) throw NotFoundError("payment_plan", "payment_plan_not_found"_err);
    const auto payments = tx.payments_of_plan(plan->id);
    const auto it = std::find_if(payments.begin(), payments.end(), [&](const auto& p) { return p.id == payment_id; });
    if (it == payments.end()) throw NotFoundError("payment", "payment_not_found"_err);
    if (it->reversed()) throw ConflictError("payment", "payment_already_reversed"_err);
    if (!tx.reverse_payment(plan->id, payment_id, actor.user, clock_.now_iso(), reason))
      throw ConflictError("payment", "payment_already_reversed"_err);
    tx.append_audit(audit_entry(
        clock_, actor, e.centre_id, "payment.reverse", "episode", std::to_string(episode_id),
        "payment " + std::to_string(payment_id) + " of " + rials_text(it->amount) + " reversed: " + reason));
    out = view_of(tx, std::move(*plan), today);
  });
  return out;
}

std::optional<PlanView> Payments::of_episode(const Actor& actor, std::int64_t episode_id) {
  const CivilDate today = clock_.today();
  return audited_episode_read(store_, clock_, actor, episode_id, "payment_plan.read",
                              [&](store::Transaction& tx) -> std::optional<PlanView> {
                                auto plan = tx.payment_plan_of_episode(episode_id);
                                if (!plan) return std::nullopt;
                                return view_of(tx, std::move(*plan), today);
                              });
}

PlanPrint Payments::printable(const Actor& actor, std::int64_t episode_id) {
  const CivilDate today = clock_.today();
  return audited_episode_read(store_, clock_, actor, episode_id, "payment_plan.print", [&](store::Transaction& tx) {
    auto plan = tx.payment_plan_of_episode(episode_id);
    if (!plan) throw NotFoundError("payment_plan", "payment_plan_not_found"_err);
    PlanPrint out;
    out.patient = tx.find_patient(plan->patient_id).value_or(Patient{});
    out.centre = tx.find_centre(plan->centre_id).value_or(Centre{});
    out.view = view_of(tx, std::move(*plan), today);
    return out;
  });
}

std::vector<OverduePlan> overdue_plans(store::Transaction& tx, const std::string& centre_id, const CivilDate& day) {
  std::vector<OverduePlan> out;
  for (auto& plan : tx.plans_overdue_on(centre_id, day, kOverduePlansShown)) {
    const auto p = tx.find_patient(plan.patient_id);
    if (!p) continue;
    OverduePlan o{p->id, p->mrn, p->name_fa, p->name_latin, std::move(plan), {}};
    o.standing = cost::standing(o.plan, tx.payments_of_plan(o.plan.id), day);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace rp::service
