// Payment plans (payment_plans, plan_instalments, payments: migration 0038; plan_lines,
// plan_payers: 0039) on every engine: a plan written with its instalments and its agreed
// estimate and read back whole, agreed again over itself (both replaced), payments read in the order recorded, the
// centre's plans with something overdue on a day found by the sums, and on PostgreSQL row security keeping a centre to
// its own plans.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

class PaymentsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      patient_ = tx.insert_patient(test::bare_patient("a", "P-1"), "t");
      Episode e;
      e.patient_id = patient_;
      e.centre_id = "a";
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {"icd-10-cm", "M16.11"};
      for (int i = 0; i < 2; ++i) episodes_.push_back(tx.insert_episode(e, "t"));
      cost::PriceList l;
      l.centre_id = "a";
      l.from_year = l.to_year = 1405;
      l.lines = {{cost::PriceItem::consultation, Money::rials(10'000'000)}};
      l.created_by = "admin.a";
      l.created_at = "t";
      list_ = tx.insert_price_list(l);
    });
  }

  cost::PaymentPlan plan(std::int64_t episode, const std::string& agreed_on) const {
    cost::PaymentPlan p;
    p.episode_id = episode;
    p.patient_id = patient_;
    p.centre_id = "a";
    p.price_list_id = list_;
    p.total = Money::rials(120'000'000);
    p.patient = Money::rials(100'000'000);
    p.agreed_on = parse_gregorian(agreed_on);
    p.instalments = {{0, p.agreed_on, Money::rials(40'000'000)},
                     {1, p.agreed_on.plus_days(30), Money::rials(30'000'000)},
                     {2, p.agreed_on.plus_days(60), Money::rials(30'000'000)}};
    p.lines = {{cost::PriceItem::consultation, Money::rials(20'000'000)},
               {cost::PriceItem::harvest_adipose, Money::rials(100'000'000)}};
    p.payers = {{"social-security", Money(), "pays_nothing"},
                {"supplementary-example-30", Money::rials(20'000'000), "ceiling"}};
    p.agreed_by = "coordinator.a";
    p.agreed_at = agreed_on + "T08:00:00.000Z";
    return p;
  }
  static cost::Payment payment(std::int64_t plan_id, std::int64_t rials) {
    cost::Payment p;
    p.plan_id = plan_id;
    p.amount = Money::rials(rials);
    p.paid_on = parse_gregorian("2026-03-01");
    p.method = cost::PaymentMethod::card;
    p.reference = "slip 7";
    p.recorded_by = "coordinator.a";
    p.recorded_at = "2026-03-01T09:00:00.000Z";
    return p;
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0, list_ = 0;
  std::vector<std::int64_t> episodes_;
};
INSTANTIATE_ENGINES(PaymentsStore);

TEST_P(PaymentsStore, APlanIsKeptWholeAndAgreedAgainOverItself) {
  std::int64_t id = 0;
  store_->write([&](Transaction& tx) { id = tx.save_payment_plan(plan(episodes_[0], "2026-03-01")); });
  auto again = plan(episodes_[0], "2026-03-05");
  again.instalments.pop_back();
  again.instalments.back().amount = Money::rials(60'000'000);
  // Agreed again with one insurer fewer: the estimate kept is the later one.
  again.payers.erase(again.payers.begin());
  store_->write([&](Transaction& tx) { EXPECT_EQ(tx.save_payment_plan(again), id); });
  store_->read([&](Transaction& tx) {
    const auto read = tx.payment_plan_of_episode(episodes_[0]);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->id, id);
    EXPECT_EQ(read->price_list_id, list_);
    EXPECT_EQ(read->total.in_rials(), 120'000'000);
    EXPECT_EQ(read->agreed_on.iso(), "2026-03-05");
    ASSERT_EQ(read->instalments.size(), 2U);
    EXPECT_EQ(read->instalments[1].amount.in_rials(), 60'000'000);
    EXPECT_EQ(read->instalments[1].due.iso(), "2026-04-04");
    ASSERT_EQ(read->lines.size(), 2U);
    EXPECT_EQ(read->lines[0].item, cost::PriceItem::consultation);
    EXPECT_EQ(read->lines[1].item, cost::PriceItem::harvest_adipose);
    EXPECT_EQ(read->lines[1].amount.in_rials(), 100'000'000);
    ASSERT_EQ(read->payers.size(), 1U);
    EXPECT_EQ(read->payers[0].insurer, "supplementary-example-30");
    EXPECT_EQ(read->payers[0].amount.in_rials(), 20'000'000);
    EXPECT_EQ(read->payers[0].why, "ceiling");
    EXPECT_FALSE(tx.payment_plan_of_episode(episodes_[1]));
  });
}

TEST_P(PaymentsStore, PaymentsAreReadInOrderAndOverduePlansFoundByTheirSums) {
  std::int64_t first = 0, second = 0;
  store_->write([&](Transaction& tx) {
    first = tx.save_payment_plan(plan(episodes_[0], "2026-03-01"));
    second = tx.save_payment_plan(plan(episodes_[1], "2026-03-01"));
    tx.insert_payment(payment(first, 40'000'000), "a");
    tx.insert_payment(payment(first, 5'000'000), "a");
  });
  store_->read([&](Transaction& tx) {
    const auto paid = tx.payments_of_plan(first);
    ASSERT_EQ(paid.size(), 2U);
    EXPECT_EQ(paid[0].amount.in_rials(), 40'000'000);
    EXPECT_EQ(paid[0].method, cost::PaymentMethod::card);
    EXPECT_EQ(paid[0].reference, "slip 7");
    EXPECT_EQ(paid[1].amount.in_rials(), 5'000'000);
    // On the day of agreement nothing fell due before it.
    EXPECT_TRUE(tx.plans_overdue_on("a", parse_gregorian("2026-03-01"), 10).empty());
    // The day after: the second plan's down payment is unpaid; the first's is paid.
    auto overdue = tx.plans_overdue_on("a", parse_gregorian("2026-03-02"), 10);
    ASSERT_EQ(overdue.size(), 1U);
    EXPECT_EQ(overdue[0].id, second);
    EXPECT_EQ(overdue[0].instalments.size(), 3U);
    // After the first instalment: both (the first paid 45 of 70 million).
    overdue = tx.plans_overdue_on("a", parse_gregorian("2026-04-01"), 10);
    EXPECT_EQ(overdue.size(), 2U);
    EXPECT_EQ(tx.plans_overdue_on("a", parse_gregorian("2026-04-01"), 1).size(), 1U) << "the limit holds";
    EXPECT_TRUE(tx.plans_overdue_on("b", parse_gregorian("2026-04-01"), 10).empty());
  });
}

TEST_P(PaymentsStore, AReversedPaymentIsKeptAndCountsForNothingInWhatIsOverdue) {
  std::int64_t plan_id = 0, wrong = 0;
  store_->write([&](Transaction& tx) {
    plan_id = tx.save_payment_plan(plan(episodes_[0], "2026-03-01"));
    wrong = tx.insert_payment(payment(plan_id, 40'000'000), "a");
  });
  store_->read([&](Transaction& tx) {
    EXPECT_TRUE(tx.plans_overdue_on("a", parse_gregorian("2026-03-02"), 10).empty()) << "the down payment was paid";
  });
  store_->write([&](Transaction& tx) {
    EXPECT_FALSE(tx.reverse_payment(plan_id + 1, wrong, "coordinator.a", "t", "wrong plan")) << "not that plan's";
    EXPECT_TRUE(tx.reverse_payment(plan_id, wrong, "coordinator.a", "2026-03-02T09:00:00.000Z", "typed twice"));
    EXPECT_FALSE(tx.reverse_payment(plan_id, wrong, "coordinator.a", "t", "again")) << "reversed once only";
  });
  store_->read([&](Transaction& tx) {
    const auto paid = tx.payments_of_plan(plan_id);
    ASSERT_EQ(paid.size(), 1U) << "kept";
    ASSERT_TRUE(paid[0].reversed());
    EXPECT_EQ(*paid[0].reversed_at, "2026-03-02T09:00:00.000Z");
    EXPECT_EQ(paid[0].reversed_by, "coordinator.a");
    EXPECT_EQ(paid[0].reversal_reason, "typed twice");
    EXPECT_EQ(tx.plans_overdue_on("a", parse_gregorian("2026-03-02"), 10).size(), 1U) << "unpaid again";
  });
}

TEST_P(PaymentsStore, AnotherCentreReachesNoPlanUnderRowSecurity) {
  store_->write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("b"));
    tx.insert_payment(payment(tx.save_payment_plan(plan(episodes_[0], "2026-03-01")), 1'000'000), "a");
  });
  if (postgres()) {
    store_.reset();
    store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  }
  store_->read(CentreScope::of_centre("a"), [&](Transaction& tx) {
    const auto p = tx.payment_plan_of_episode(episodes_[0]);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->instalments.size(), 3U);
    EXPECT_EQ(tx.payments_of_plan(p->id).size(), 1U);
  });
  if (postgres()) {
    store_->read(CentreScope::of_centre("b"), [&](Transaction& tx) {
      EXPECT_FALSE(tx.payment_plan_of_episode(episodes_[0]));
      EXPECT_TRUE(tx.plans_overdue_on("a", parse_gregorian("2027-01-01"), 10).empty());
    });
    // The agreed estimate's rows follow their plan's centre.
    postgres::Connection app(test::app_role_url(db()));
    const auto rows_seen_by = [&](const std::string& centre, const std::string& table) {
      app.exec("BEGIN");
      app.exec("SELECT set_config('regenpath.centre', $1, true)", postgres::Params().text(centre));
      const auto n = app.exec("SELECT COUNT(*) FROM " + table).int64(0, 0);
      app.exec("COMMIT");
      return n;
    };
    for (const char* table : {"plan_lines", "plan_payers"}) {
      EXPECT_EQ(rows_seen_by("a", table), 2) << table;
      EXPECT_EQ(rows_seen_by("b", table), 0) << table;
    }
  }
}

}  // namespace
}  // namespace rp::store
