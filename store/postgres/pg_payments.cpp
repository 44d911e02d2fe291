// Payment plans and payments on PostgreSQL (0038_payment_plans.sql);
// store/sqlite/sqlite_payments.cpp is the reference.
#include <algorithm>

#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kPlanColumns =
    "SELECT id, episode_id, patient_id, centre_id, price_list_id, total_rials, patient_rials, agreed_on, agreed_by, "
    "agreed_at FROM payment_plans ";

cost::PaymentPlan read_plan(const Result& r, int i) {
  cost::PaymentPlan p;
  p.id = r.int64(i, 0);
  p.episode_id = r.int64(i, 1);
  p.patient_id = r.int64(i, 2);
  p.centre_id = r.text(i, 3);
  p.price_list_id = r.int64(i, 4);
  p.total = Money::rials(r.int64(i, 5));
  p.patient = Money::rials(r.int64(i, 6));
  p.agreed_on = parse_gregorian(r.text(i, 7), "agreed_on");
  p.agreed_by = r.text(i, 8);
  p.agreed_at = r.text(i, 9);
  return p;
}

}  // namespace

std::int64_t PgTransaction::save_payment_plan(const cost::PaymentPlan& p) {
  const std::int64_t id =
      c_.exec(
            "INSERT INTO payment_plans (episode_id, patient_id, centre_id, price_list_id, total_rials, "
            "patient_rials, agreed_on, agreed_by, agreed_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT "
            "(episode_id) DO UPDATE SET price_list_id = excluded.price_list_id, total_rials = excluded.total_rials, "
            "patient_rials = excluded.patient_rials, agreed_on = excluded.agreed_on, agreed_by = "
            "excluded.agreed_by, agreed_at = excluded.agreed_at RETURNING id",
            Params()
                .integer(p.episode_id)
                .integer(p.patient_id)
                .text(p.centre_id)
                .integer(p.price_list_id)
                .integer(p.total.in_rials())
                .integer(p.patient.in_rials())
                .date(p.agreed_on)
                .text(p.agreed_by)
                .text(p.agreed_at))
          .int64(0, 0);
  c_.exec("DELETE FROM plan_instalments WHERE plan_id = $1", Params().integer(id));
  for (const auto& i : p.instalments)
    c_.exec("INSERT INTO plan_instalments (plan_id, n, due, amount_rials) VALUES ($1,$2,$3,$4)",
            Params().integer(id).integer(i.n).date(i.due).integer(i.amount.in_rials()));
  c_.exec("DELETE FROM plan_lines WHERE plan_id = $1", Params().integer(id));
  for (const auto& l : p.lines)
    c_.exec("INSERT INTO plan_lines (plan_id, item, amount_rials) VALUES ($1,$2,$3)",
            Params().integer(id).text(std::string(cost::to_string(l.item))).integer(l.amount.in_rials()));
  c_.exec("DELETE FROM plan_payers WHERE plan_id = $1", Params().integer(id));
  int n = 0;
  for (const auto& s : p.payers)
    c_.exec("INSERT INTO plan_payers (plan_id, n, insurer, amount_rials, why) VALUES ($1,$2,$3,$4,$5)",
            Params().integer(id).integer(n++).text(s.insurer).integer(s.amount.in_rials()).text(s.why));
  return id;
}

std::optional<cost::PaymentPlan> PgTransaction::payment_plan_of_episode(std::int64_t episode_id) {
  const auto res = c_.exec(std::string(kPlanColumns) + "WHERE episode_id = $1", Params().integer(episode_id));
  if (res.rows() == 0) return std::nullopt;
  cost::PaymentPlan p = read_plan(res, 0);
  const auto due = c_.exec("SELECT n, due, amount_rials FROM plan_instalments WHERE plan_id = $1 ORDER BY n",
                           Params().integer(p.id));
  for (int i = 0; i < due.rows(); ++i)
    p.instalments.push_back({due.int32(i, 0), parse_gregorian(due.text(i, 1), "due"), Money::rials(due.int64(i, 2))});
  const auto lines = c_.exec("SELECT item, amount_rials FROM plan_lines WHERE plan_id = $1", Params().integer(p.id));
  for (int i = 0; i < lines.rows(); ++i)
    p.lines.push_back({cost::parse_price_item(lines.text(i, 0)), Money::rials(lines.int64(i, 1))});
  // The items' order, as the estimate listed them.
  std::sort(p.lines.begin(), p.lines.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
  const auto payers = c_.exec("SELECT insurer, amount_rials, why FROM plan_payers WHERE plan_id = $1 ORDER BY n",
                              Params().integer(p.id));
  for (int i = 0; i < payers.rows(); ++i)
    p.payers.push_back({payers.text(i, 0), Money::rials(payers.int64(i, 1)), payers.text(i, 2)});
  return p;
}

std::int64_t PgTransaction::insert_payment(const cost::Payment& p, const std::string& centre_id) {
  return c_
      .exec(
          "INSERT INTO payments (plan_id, centre_id, amount_rials, paid_on, method, reference, recorded_by, "
          "recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
          Params()
              .integer(p.plan_id)
              .text(centre_id)
              .integer(p.amount.in_rials())
              .date(p.paid_on)
              .text(std::string(cost::to_string(p.method)))
              .text(p.reference)
              .text(p.recorded_by)
              .text(p.recorded_at))
      .int64(0, 0);
}

std::vector<cost::Payment> PgTransaction::payments_of_plan(std::int64_t plan_id) {
  const auto res = c_.exec(
      "SELECT id, plan_id, amount_rials, paid_on, method, reference, recorded_by, recorded_at, reversed_at, "
      "reversed_by, reversal_reason FROM payments WHERE plan_id = $1 ORDER BY id",
      Params().integer(plan_id));
  std::vector<cost::Payment> out;
  out.reserve(static_cast<std::size_t>(res.rows()));
  for (int i = 0; i < res.rows(); ++i) {
    cost::Payment p;
    p.id = res.int64(i, 0);
    p.plan_id = res.int64(i, 1);
    p.amount = Money::rials(res.int64(i, 2));
    p.paid_on = parse_gregorian(res.text(i, 3), "paid_on");
    p.method = cost::parse_payment_method(res.text(i, 4), "method");
    p.reference = res.text(i, 5);
    p.recorded_by = res.text(i, 6);
    p.recorded_at = res.text(i, 7);
    if (!res.null(i, 8)) p.reversed_at = res.text(i, 8);
    p.reversed_by = res.text(i, 9);
    p.reversal_reason = res.text(i, 10);
    out.push_back(std::move(p));
  }
  return out;
}

bool PgTransaction::reverse_payment(std::int64_t plan_id, std::int64_t payment_id, const std::string& by,
                                    const std::string& at, const std::string& reason) {
  return c_.exec(
               "UPDATE payments SET reversed_at = $1, reversed_by = $2, reversal_reason = $3 WHERE id = $4 AND "
               "plan_id = $5 AND reversed_at IS NULL",
               Params().text(at).text(by).text(reason).integer(payment_id).integer(plan_id))
             .affected() == 1;
}

std::vector<cost::PaymentPlan> PgTransaction::plans_overdue_on(const std::string& centre_id, const CivilDate& day,
                                                               int limit) {
  const auto res = c_.exec(
      "SELECT episode_id FROM payment_plans p WHERE centre_id = $1 AND (SELECT COALESCE(SUM(i.amount_rials), 0) FROM "
      "plan_instalments i WHERE i.plan_id = p.id AND i.due < $2) > (SELECT COALESCE(SUM(y.amount_rials), 0) FROM "
      "payments y WHERE y.plan_id = p.id AND y.reversed_at IS NULL) ORDER BY id LIMIT $3",
      Params().text(centre_id).date(day).integer(limit));
  std::vector<cost::PaymentPlan> out;
  for (int i = 0; i < res.rows(); ++i)
    if (auto p = payment_plan_of_episode(res.int64(i, 0))) out.push_back(std::move(*p));
  return out;
}

}  // namespace rp::store::postgres
