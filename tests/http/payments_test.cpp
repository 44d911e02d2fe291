// Payment plans over HTTP (issue 19): the coordinator agrees a patient's plan from an
// estimate at the patient's centre (the down payment due today, monthly instalments
// after), records payments received, and the plan says what was paid, the balance and
// what is overdue; the patient reads their own on the portal; a plan with something
// overdue is on the coordinator's worklist until paid; bad payments and plans are refused
// naming the field and change nothing; another centre and roles that do not record
// payments are refused.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "base/jalali.hpp"
#include "http_test_support.hpp"
#include "pdf_text_support.hpp"
#include "service/price_lists.hpp"

namespace rp::test {
namespace {

class PaymentsOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = dir_.file("clinic.db");
    seeded_ = seed(db);
    year_ = to_jalali(Clock::system().today()).y;
    {
      auto store = store::open_sqlite(db);
      cost::PriceList l;
      l.centre_id = "a";
      l.from_year = l.to_year = year_;
      l.lines = {{cost::PriceItem::consultation, Money::rials(20'000'000)},
                 {cost::PriceItem::tests, Money::rials(30'000'000)},
                 {cost::PriceItem::harvest_bone_marrow, Money::rials(50'000'000)},
                 {cost::PriceItem::processing, Money::rials(40'000'000)},
                 {cost::PriceItem::injection_ultrasound, Money::rials(60'000'000)}};
      service::PriceLists(*store, Clock::system()).save(service::Actor::cli_operator(), l);
      // A second episode of patient a's, its plan agreed 90 days ago and nothing paid:
      // overdue on today's worklist.
      store->write([&](store::Transaction& tx) {
        Episode e = *tx.find_episode(seeded_.episode_a);
        e.id = 0;
        late_episode_ = tx.insert_episode(e, "t");
        cost::PaymentPlan p;
        p.episode_id = late_episode_;
        p.patient_id = e.patient_id;
        p.centre_id = "a";
        p.price_list_id = 1;
        p.total = p.patient = Money::rials(90'000'000);
        p.agreed_on = Clock::system().today().plus_days(-90);
        p.instalments = {{0, p.agreed_on, Money::rials(30'000'000)},
                         {1, p.agreed_on.plus_days(30), Money::rials(30'000'000)},
                         {2, p.agreed_on.plus_days(200), Money::rials(30'000'000)}};
        p.agreed_by = "coordinator.a";
        p.agreed_at = "t";
        tx.save_payment_plan(p);
      });
    }
    server_ = std::make_unique<ServerProcess>(db, std::vector<std::string>{}, dir_.file("log"));
    coordinator_.port = surgeon_.port = other_.port = lab_.port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
    ASSERT_EQ(other_.login("coordinator.b").status, 200);
    ASSERT_EQ(lab_.login("lab.a").status, 200);
    patient_ = patient_client(server_->port(), dir_.file("log"), seeded_.patient_a);
    ASSERT_NE(patient_.port, 0);
  }

  std::string plan_path(std::int64_t episode) const {
    return "/api/v1/episodes/" + std::to_string(episode) + "/payment-plan";
  }
  std::string pay_path() const { return "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/payments"; }
  nlohmann::json plan_body() const {
    return {{"year", year_},
            {"cell_source", "bone_marrow"},
            {"guidance", "ultrasound"},
            {"insurers", nlohmann::json::array()},
            {"down_rials", 40'000'000},
            {"months", 4},
            {"first_due", Clock::system().today().plus_days(30).iso()}};
  }
  nlohmann::json payment(std::int64_t rials, const std::string& method = "card") const {
    return {{"amount_rials", rials},
            {"paid_on", Clock::system().today().iso()},
            {"method", method},
            {"reference", "slip 7"}};
  }

  TempDir dir_;
  Seeded seeded_;
  int year_ = 0;
  std::int64_t late_episode_ = 0;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_, surgeon_, other_, lab_, patient_;
};

TEST_F(PaymentsOverHttp, TheCoordinatorAgreesAPlanAndRecordsPaymentsTheBalanceFollows) {
  Reply r = coordinator_.get(plan_path(seeded_.episode_a));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["plan"].is_null());

  r = coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump());
  ASSERT_EQ(r.status, 200) << r.body;
  auto plan = r.json();
  EXPECT_EQ(plan["total_rials"], 200'000'000);
  EXPECT_EQ(plan["patient_rials"], 200'000'000);
  ASSERT_EQ(plan["instalments"].size(), 5U);
  EXPECT_EQ(plan["instalments"][0]["n"], 0);
  EXPECT_EQ(plan["instalments"][0]["amount_rials"], 40'000'000);
  EXPECT_EQ(plan["instalments"][0]["due"], Clock::system().today().iso());
  std::int64_t sum = 0;
  for (const auto& i : plan["instalments"]) sum += i["amount_rials"].get<std::int64_t>();
  EXPECT_EQ(sum, 200'000'000);
  EXPECT_EQ(plan["balance_rials"], 200'000'000);

  r = coordinator_.call("POST", pay_path(), payment(50'000'000).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  plan = r.json();
  EXPECT_EQ(plan["paid_rials"], 50'000'000);
  EXPECT_EQ(plan["balance_rials"], 150'000'000);
  EXPECT_EQ(plan["instalments"][0]["paid_rials"], 40'000'000);
  EXPECT_EQ(plan["instalments"][1]["paid_rials"], 10'000'000);
  EXPECT_EQ(plan["payments"][0]["method"], "card");
  EXPECT_EQ(plan["payments"][0]["recorded_by"], "coordinator.a");

  // The patient reads the same plan on the portal.
  r = patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/payment-plan");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["plan"]["balance_rials"], 150'000'000);
  // With a payment recorded, the plan is not agreed again.
  r = coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], "payment_plan_has_payments");
}

TEST_F(PaymentsOverHttp, BadPlansAndPaymentsAreRefusedNamingTheFieldAndChangeNothing) {
  auto body = plan_body();
  body["down_rials"] = 300'000'000;
  Reply r = coordinator_.call("PUT", plan_path(seeded_.episode_a), body.dump());
  EXPECT_EQ(r.json()["error"]["field"], "down_rials") << r.body;
  body = plan_body();
  body.erase("months");
  EXPECT_EQ(coordinator_.call("PUT", plan_path(seeded_.episode_a), body.dump()).json()["error"]["field"], "months");
  body = plan_body();
  body["first_due"] = Clock::system().today().plus_days(-1).iso();
  r = coordinator_.call("PUT", plan_path(seeded_.episode_a), body.dump());
  EXPECT_EQ(r.json()["error"]["reason"], "first_due_before_agreement") << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "first_due");
  body = plan_body();
  body["year"] = year_ + 5;
  EXPECT_NE(coordinator_.call("PUT", plan_path(seeded_.episode_a), body.dump()).status, 200) << "no price list";
  EXPECT_TRUE(coordinator_.get(plan_path(seeded_.episode_a)).json()["plan"].is_null());

  r = coordinator_.call("POST", pay_path(), payment(1'000).dump());
  EXPECT_EQ(r.status, 404) << "no plan yet: " << r.body;
  ASSERT_EQ(coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump()).status, 200);
  struct Case {
    nlohmann::json body;
    std::string field;
  };
  auto future = payment(1'000);
  future["paid_on"] = Clock::system().today().plus_days(1).iso();
  auto jalali = payment(1'000);
  jalali.erase("paid_on");
  jalali["paid_on_jalali"] = "1300/01/01";  // a real day, long before the plan
  auto no_day = payment(1'000);
  no_day.erase("paid_on");
  no_day["paid_on_jalali"] = "1404/12/30";  // 1404 is no leap year
  for (const auto& c : std::vector<Case>{{payment(0), "amount_rials"},
                                         {payment(-5), "amount_rials"},
                                         {payment(200'000'001), "amount_rials"},
                                         {payment(1'000, "bitcoin"), "method"},
                                         {future, "paid_on"},
                                         {jalali, "paid_on"},
                                         {no_day, "paid_on_jalali"}}) {
    r = coordinator_.call("POST", pay_path(), c.body.dump());
    EXPECT_EQ(r.status, 422) << c.body.dump() << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field) << r.body;
  }
  EXPECT_TRUE(coordinator_.get(plan_path(seeded_.episode_a)).json()["plan"]["payments"].empty());
}

TEST_F(PaymentsOverHttp, AnOverduePlanIsOnTheCoordinatorsWorklistUntilPaid) {
  Reply r = coordinator_.get("/api/v1/worklist");
  ASSERT_EQ(r.status, 200) << r.body;
  auto overdue = r.json()["overdue_payments"];
  ASSERT_EQ(overdue.size(), 1U) << r.body;
  EXPECT_EQ(overdue[0]["episode_id"], late_episode_);
  EXPECT_EQ(overdue[0]["overdue_rials"], 60'000'000);
  EXPECT_EQ(overdue[0]["overdue_since"], Clock::system().today().plus_days(-90).iso());
  EXPECT_EQ(overdue[0]["mrn"], "MRN-a");
  EXPECT_TRUE(surgeon_.get("/api/v1/worklist").json()["overdue_payments"].empty())
      << "the roles who record payments see them";
  // Paid what was overdue, paid back to a day since the plan: off the list.
  const std::string path = "/api/v1/episodes/" + std::to_string(late_episode_) + "/payments";
  auto p = payment(60'000'000, "transfer");
  p["paid_on"] = Clock::system().today().plus_days(-10).iso();
  r = coordinator_.call("POST", path, p.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["overdue_rials"], 0);
  EXPECT_EQ(r.json()["balance_rials"], 30'000'000);
  EXPECT_TRUE(coordinator_.get("/api/v1/worklist").json()["overdue_payments"].empty());
}

TEST_F(PaymentsOverHttp, ThePlanPrintsAsAPdfInEitherLanguageForStaffAndThePatient) {
  const std::string sheet = plan_path(seeded_.episode_a) + "/sheet";
  EXPECT_EQ(coordinator_.get(sheet).status, 404) << "no plan yet";
  ASSERT_EQ(coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump()).status, 200);
  ASSERT_EQ(coordinator_.call("POST", pay_path(), payment(50'000'000).dump()).status, 200);
  Reply r = coordinator_.get(sheet);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  std::string text = pdf_text(dir_, r.body, "en");
  EXPECT_NE(text.find("Treatment cost and payment plan"), std::string::npos) << text;
  EXPECT_NE(text.find("20,000,000"), std::string::npos) << "the share in tomans: " << text;
  EXPECT_NE(text.find("15,000,000"), std::string::npos) << "the balance: " << text;
  EXPECT_NE(text.find("MRN-a"), std::string::npos) << text;
  r = patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/payment-plan/sheet?lang=fa");
  ASSERT_EQ(r.status, 200) << r.body;
  text = pdf_text(dir_, r.body, "fa");
  EXPECT_NE(text.find("۲۰٬۰۰۰٬۰۰۰"), std::string::npos) << "Persian digits: " << text;
  EXPECT_NE(text.find("۱۵٬۰۰۰٬۰۰۰"), std::string::npos) << "the balance: " << text;
  EXPECT_EQ(coordinator_.get(sheet + "?lang=de").status, 422);
  EXPECT_EQ(other_.get(sheet).status, 404);
  EXPECT_EQ(patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_b) + "/payment-plan/sheet").status,
            404);
}

TEST_F(PaymentsOverHttp, ThePlanKeepsTheAgreedStepsAndInsurersSharesAfterThePricesChange) {
  // A patient with a basic insurer (pays nothing) and a supplementary one (30 % of the
  // harvest, processing and injection: 150,000,000 rials, so 45,000,000, under its ceiling).
  auto body = plan_body();
  body["insurers"] = nlohmann::json::array({{{"insurer", "social-security"}, {"months_insured", 0}},
                                            {{"insurer", "supplementary-example-30"}, {"months_insured", 12}}});
  Reply r = coordinator_.call("PUT", plan_path(seeded_.episode_a), body.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto check = [](const nlohmann::json& plan) {
    ASSERT_EQ(plan["lines"].size(), 5U) << plan.dump();
    std::int64_t steps = 0;
    for (const auto& l : plan["lines"]) steps += l["amount_rials"].get<std::int64_t>();
    EXPECT_EQ(steps, plan["total_rials"]);
    EXPECT_EQ(plan["lines"][2]["item"], "harvest_bone_marrow");
    EXPECT_EQ(plan["lines"][2]["amount_rials"], 50'000'000);
    ASSERT_EQ(plan["payers"].size(), 2U);
    EXPECT_EQ(plan["payers"][0]["insurer"], "social-security");
    EXPECT_EQ(plan["payers"][0]["why"], "pays_nothing");
    EXPECT_EQ(plan["payers"][0]["amount_rials"], 0);
    EXPECT_EQ(plan["payers"][1]["why"], "share");
    EXPECT_EQ(plan["payers"][1]["amount_rials"], 45'000'000);
    EXPECT_EQ(plan["payers"][1]["name_en"], "Supplementary insurance (example: 30 %)");
    EXPECT_EQ(plan["patient_rials"], 155'000'000);
  };
  check(r.json());
  // The centre's admin raises the harvest's price: the agreed plan still says what it was.
  Client admin;
  admin.port = server_->port();
  ASSERT_EQ(admin.login("admin.a").status, 200);
  r = admin.get("/api/v1/centres/a/price-lists");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto lists = r.json();
  ASSERT_FALSE(lists["price_lists"].empty()) << r.body;
  const nlohmann::json next = {{"valid_from_year", year_},
                               {"valid_to_year", year_},
                               {"replaces", lists["price_lists"][0]["id"]},
                               {"note", "harvest dearer"},
                               {"lines",
                                {{{"item", "consultation"}, {"amount_rials", 20'000'000}},
                                 {{"item", "tests"}, {"amount_rials", 30'000'000}},
                                 {{"item", "harvest_bone_marrow"}, {"amount_rials", 90'000'000}},
                                 {{"item", "processing"}, {"amount_rials", 40'000'000}},
                                 {{"item", "injection_ultrasound"}, {"amount_rials", 60'000'000}}}}};
  r = admin.call("POST", "/api/v1/centres/a/price-lists", next.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  r = patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/payment-plan");
  ASSERT_EQ(r.status, 200) << r.body;
  check(r.json()["plan"]);

  // The printed sheet lists the steps, each insurer and the share, in either language.
  const std::string sheet = plan_path(seeded_.episode_a) + "/sheet";
  r = coordinator_.get(sheet);
  ASSERT_EQ(r.status, 200) << r.body;
  std::string text = pdf_text(dir_, r.body, "steps-en");
  for (const char* want : {"What the treatment is made of", "Harvest from bone marrow", "5,000,000",
                           "Injection under ultrasound", "Social Security Organisation", "pays nothing",
                           "Supplementary insurance", "4,500,000", "15,500,000", "20,000,000"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " in: " << text;
  EXPECT_EQ(text.find("9,000,000"), std::string::npos) << "the later price is not the agreed one: " << text;
  r = patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/payment-plan/sheet?lang=fa");
  ASSERT_EQ(r.status, 200) << r.body;
  text = pdf_text(dir_, r.body, "steps-fa");
  // (poppler drops the zero-width non-joiner and splits some words by their glyphs' gaps:
  // the phrases looked for have neither.)
  for (const char* want :
       {"سهم هر بیمه", "تصویربرداری و آزمایش خون", "۵٬۰۰۰٬۰۰۰", "سازمان تأمین اجتماعی", "۴٬۵۰۰٬۰۰۰", "۱۵٬۵۰۰٬۰۰۰"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " in: " << text;
}

TEST_F(PaymentsOverHttp, APaymentRecordedInErrorIsReversedKeptAndCountsForNothing) {
  ASSERT_EQ(coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump()).status, 200);
  Reply r = coordinator_.call("POST", pay_path(), payment(150'000'000).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto id = r.json()["payments"][0]["id"].get<std::int64_t>();
  const std::string reversal = pay_path() + "/" + std::to_string(id) + "/reversal";
  // Without a reason: refused naming it, nothing changed.
  r = coordinator_.call("POST", reversal, nlohmann::json{{"reason", "  "}}.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "reason");
  EXPECT_EQ(coordinator_.get(plan_path(seeded_.episode_a)).json()["plan"]["paid_rials"], 150'000'000);
  r = coordinator_.call("POST", reversal, nlohmann::json{{"reason", "typed 150,000,000 for 15,000,000"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  auto plan = r.json();
  EXPECT_EQ(plan["paid_rials"], 0);
  EXPECT_EQ(plan["balance_rials"], 200'000'000);
  ASSERT_EQ(plan["payments"].size(), 1U) << "kept on the plan";
  EXPECT_EQ(plan["payments"][0]["reversed_by"], "coordinator.a");
  EXPECT_EQ(plan["payments"][0]["reversal_reason"], "typed 150,000,000 for 15,000,000");
  EXPECT_TRUE(plan["payments"][0].contains("reversed_at"));
  // Twice: a conflict; an unknown payment: not found; another centre: not found; the lab: forbidden.
  r = coordinator_.call("POST", reversal, nlohmann::json{{"reason", "again"}}.dump());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], "payment_already_reversed");
  EXPECT_EQ(coordinator_.call("POST", pay_path() + "/999/reversal", nlohmann::json{{"reason", "x"}}.dump()).status,
            404);
  EXPECT_EQ(other_.call("POST", reversal, nlohmann::json{{"reason", "x"}}.dump()).status, 404);
  EXPECT_EQ(lab_.call("POST", reversal, nlohmann::json{{"reason", "x"}}.dump()).status, 403);
  // The right payment recorded after it counts; with nothing else counting, the plan could
  // be agreed again, but not once a payment counts.
  r = coordinator_.call("POST", pay_path(), payment(15'000'000).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["paid_rials"], 15'000'000);
  EXPECT_EQ(coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump()).status, 409);
  // The patient sees the reversal too, and the audit trail has it.
  r = patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/payment-plan");
  EXPECT_EQ(r.json()["plan"]["payments"][0]["reversal_reason"], "typed 150,000,000 for 15,000,000");
}

TEST_F(PaymentsOverHttp, AnotherCentreAndOtherRolesAreRefused) {
  ASSERT_EQ(coordinator_.call("PUT", plan_path(seeded_.episode_a), plan_body().dump()).status, 200);
  EXPECT_EQ(other_.get(plan_path(seeded_.episode_a)).status, 404);
  EXPECT_EQ(other_.call("POST", pay_path(), payment(1'000).dump()).status, 404);
  EXPECT_EQ(lab_.call("POST", pay_path(), payment(1'000).dump()).status, 403);
  EXPECT_EQ(surgeon_.call("POST", pay_path(), payment(1'000).dump()).status, 403);
  EXPECT_EQ(surgeon_.get(plan_path(seeded_.episode_a)).status, 200) << "the centre's clinicians read it";
  EXPECT_EQ(patient_.get("/api/v1/me/episodes/" + std::to_string(seeded_.episode_b) + "/payment-plan").status, 404);
  EXPECT_TRUE(coordinator_.get(plan_path(seeded_.episode_a)).json()["plan"]["payments"].empty());
}

}  // namespace
}  // namespace rp::test
