// Payment plans and payments on SQLite (0038_payment_plans.sql).
#include <algorithm>

#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kPlanColumns =
    "SELECT id, episode_id, patient_id, centre_id, price_list_id, total_rials, patient_rials, agreed_on, agreed_by, "
    "agreed_at FROM payment_plans ";

cost::PaymentPlan read_plan(SQLite::Statement& q) {
  cost::PaymentPlan p;
  p.id = q.getColumn(0).getInt64();
  p.episode_id = q.getColumn(1).getInt64();
  p.patient_id = q.getColumn(2).getInt64();
  p.centre_id = q.getColumn(3).getString();
  p.price_list_id = q.getColumn(4).getInt64();
  p.total = Money::rials(q.getColumn(5).getInt64());
  p.patient = Money::rials(q.getColumn(6).getInt64());
  p.agreed_on = parse_gregorian(q.getColumn(7).getString(), "agreed_on");
  p.agreed_by = q.getColumn(8).getString();
  p.agreed_at = q.getColumn(9).getString();
  return p;
}

}  // namespace

std::int64_t SqliteTransaction::save_payment_plan(const cost::PaymentPlan& p) {
  auto& q = c_.statement(
      "INSERT INTO payment_plans (episode_id, patient_id, centre_id, price_list_id, total_rials, patient_rials, "
      "agreed_on, agreed_by, agreed_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (episode_id) DO UPDATE SET "
      "price_list_id = excluded.price_list_id, total_rials = excluded.total_rials, patient_rials = "
      "excluded.patient_rials, agreed_on = excluded.agreed_on, agreed_by = excluded.agreed_by, agreed_at = "
      "excluded.agreed_at RETURNING id");
  q.bind(1, static_cast<int64_t>(p.episode_id));
  q.bind(2, static_cast<int64_t>(p.patient_id));
  q.bind(3, p.centre_id);
  q.bind(4, static_cast<int64_t>(p.price_list_id));
  q.bind(5, static_cast<int64_t>(p.total.in_rials()));
  q.bind(6, static_cast<int64_t>(p.patient.in_rials()));
  q.bind(7, p.agreed_on.iso());
  q.bind(8, p.agreed_by);
  q.bind(9, p.agreed_at);
  q.executeStep();
  const std::int64_t id = q.getColumn(0).getInt64();
  q.reset();
  auto& clear = c_.statement("DELETE FROM plan_instalments WHERE plan_id = ?");
  clear.bind(1, static_cast<int64_t>(id));
  clear.exec();
  clear.reset();
  auto& add = c_.statement("INSERT INTO plan_instalments (plan_id, n, due, amount_rials) VALUES (?,?,?,?)");
  for (const auto& i : p.instalments) {
    add.bind(1, static_cast<int64_t>(id));
    add.bind(2, i.n);
    add.bind(3, i.due.iso());
    add.bind(4, static_cast<int64_t>(i.amount.in_rials()));
    add.exec();
    add.reset();
  }
  auto& clear_lines = c_.statement("DELETE FROM plan_lines WHERE plan_id = ?");
  clear_lines.bind(1, static_cast<int64_t>(id));
  clear_lines.exec();
  clear_lines.reset();
  auto& line = c_.statement("INSERT INTO plan_lines (plan_id, item, amount_rials) VALUES (?,?,?)");
  for (const auto& l : p.lines) {
    line.bind(1, static_cast<int64_t>(id));
    line.bind(2, std::string(cost::to_string(l.item)));
    line.bind(3, static_cast<int64_t>(l.amount.in_rials()));
    line.exec();
    line.reset();
  }
  auto& clear_payers = c_.statement("DELETE FROM plan_payers WHERE plan_id = ?");
  clear_payers.bind(1, static_cast<int64_t>(id));
  clear_payers.exec();
  clear_payers.reset();
  auto& payer = c_.statement("INSERT INTO plan_payers (plan_id, n, insurer, amount_rials, why) VALUES (?,?,?,?,?)");
  int n = 0;
  for (const auto& s : p.payers) {
    payer.bind(1, static_cast<int64_t>(id));
    payer.bind(2, n++);
    payer.bind(3, s.insurer);
    payer.bind(4, static_cast<int64_t>(s.amount.in_rials()));
    payer.bind(5, s.why);
    payer.exec();
    payer.reset();
  }
  return id;
}

std::optional<cost::PaymentPlan> SqliteTransaction::payment_plan_of_episode(std::int64_t episode_id) {
  static const std::string sql = std::string(kPlanColumns) + "WHERE episode_id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(episode_id));
  if (!q.executeStep()) return std::nullopt;
  cost::PaymentPlan p = read_plan(q);
  q.reset();
  auto& due = c_.statement("SELECT n, due, amount_rials FROM plan_instalments WHERE plan_id = ? ORDER BY n");
  due.bind(1, static_cast<int64_t>(p.id));
  while (due.executeStep())
    p.instalments.push_back({due.getColumn(0).getInt(), parse_gregorian(due.getColumn(1).getString(), "due"),
                             Money::rials(due.getColumn(2).getInt64())});
  due.reset();
  auto& lines = c_.statement("SELECT item, amount_rials FROM plan_lines WHERE plan_id = ?");
  lines.bind(1, static_cast<int64_t>(p.id));
  while (lines.executeStep())
    p.lines.push_back(
        {cost::parse_price_item(lines.getColumn(0).getString()), Money::rials(lines.getColumn(1).getInt64())});
  lines.reset();
  // The items' order, as the estimate listed them.
  std::sort(p.lines.begin(), p.lines.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
  auto& payers = c_.statement("SELECT insurer, amount_rials, why FROM plan_payers WHERE plan_id = ? ORDER BY n");
  payers.bind(1, static_cast<int64_t>(p.id));
  while (payers.executeStep())
    p.payers.push_back({payers.getColumn(0).getString(), Money::rials(payers.getColumn(1).getInt64()),
                        payers.getColumn(2).getString()});
  payers.reset();
  return p;
}

std::int64_t SqliteTransaction::insert_payment(const cost::Payment& p, const std::string& centre_id) {
  auto& q = c_.statement(
      "INSERT INTO payments (plan_id, centre_id, amount_rials, paid_on, method, reference, recorded_by, recorded_at) "
      "VALUES (?,?,?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(p.plan_id));
  q.bind(2, centre_id);
  q.bind(3, static_cast<int64_t>(p.amount.in_rials()));
  q.bind(4, p.paid_on.iso());
  q.bind(5, std::string(cost::to_string(p.method)));
  q.bind(6, p.reference);
  q.bind(7, p.recorded_by);
  q.bind(8, p.recorded_at);
  q.exec();
  q.reset();
  return c_.db().getLastInsertRowid();
}

std::vector<cost::Payment> SqliteTransaction::payments_of_plan(std::int64_t plan_id) {
  auto& q = c_.statement(
      "SELECT id, plan_id, amount_rials, paid_on, method, reference, recorded_by, recorded_at, reversed_at, "
      "reversed_by, reversal_reason FROM payments WHERE plan_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(plan_id));
  std::vector<cost::Payment> out;
  while (q.executeStep()) {
    cost::Payment p;
    p.id = q.getColumn(0).getInt64();
    p.plan_id = q.getColumn(1).getInt64();
    p.amount = Money::rials(q.getColumn(2).getInt64());
    p.paid_on = parse_gregorian(q.getColumn(3).getString(), "paid_on");
    p.method = cost::parse_payment_method(q.getColumn(4).getString(), "method");
    p.reference = q.getColumn(5).getString();
    p.recorded_by = q.getColumn(6).getString();
    p.recorded_at = q.getColumn(7).getString();
    if (!q.getColumn(8).isNull()) p.reversed_at = q.getColumn(8).getString();
    p.reversed_by = q.getColumn(9).getString();
    p.reversal_reason = q.getColumn(10).getString();
    out.push_back(std::move(p));
  }
  return out;
}

bool SqliteTransaction::reverse_payment(std::int64_t plan_id, std::int64_t payment_id, const std::string& by,
                                        const std::string& at, const std::string& reason) {
  auto& q = c_.statement(
      "UPDATE payments SET reversed_at = ?, reversed_by = ?, reversal_reason = ? WHERE id = ? AND plan_id = ? AND "
      "reversed_at IS NULL");
  q.bind(1, at);
  q.bind(2, by);
  q.bind(3, reason);
  q.bind(4, static_cast<int64_t>(payment_id));
  q.bind(5, static_cast<int64_t>(plan_id));
  const int changed = q.exec();
  q.reset();
  return changed == 1;
}

std::vector<cost::PaymentPlan> SqliteTransaction::plans_overdue_on(const std::string& centre_id, const CivilDate& day,
                                                                   int limit) {
  auto& q = c_.statement(
      "SELECT episode_id FROM payment_plans WHERE centre_id = ? AND (SELECT COALESCE(SUM(i.amount_rials), 0) FROM "
      "plan_instalments i WHERE i.plan_id = "
      "payment_plans.id AND i.due < ?) > (SELECT COALESCE(SUM(y.amount_rials), 0) FROM payments y WHERE y.plan_id = "
      "payment_plans.id AND y.reversed_at IS NULL) ORDER BY id LIMIT ?");
  q.bind(1, centre_id);
  q.bind(2, day.iso());
  q.bind(3, limit);
  std::vector<std::int64_t> episodes;
  while (q.executeStep()) episodes.push_back(q.getColumn(0).getInt64());
  std::vector<cost::PaymentPlan> out;
  for (const auto e : episodes)
    if (auto p = payment_plan_of_episode(e)) out.push_back(std::move(*p));
  return out;
}

}  // namespace rp::store::sqlite
