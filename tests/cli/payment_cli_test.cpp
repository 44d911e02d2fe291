// `regenpath payment plan|record|show` as the operator types them: a plan agreed from an
// estimate at the patient's centre (the first due date in Jalali, Persian digits), a
// payment recorded on a Jalali day, the plan shown with its balance; a payment over the
// balance or with an unknown method, and a plan for a year with no price list, refused
// with exit 2 naming the field, nothing changed.
#include <gtest/gtest.h>

#include "base/clock.hpp"
#include "base/jalali.hpp"
#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string payments_db() { return (scratch() / "payments.db").string(); }
std::string payments_db_arg() { return "--db " + payments_db(); }

class PaymentCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove(payments_db());
    year_ = std::to_string(to_jalali(Clock::system().today()).y);
    ASSERT_EQ(run("db init " + payments_db_arg(), "").exit_code, 0);
    ASSERT_EQ(run("centre add " + payments_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه", "").exit_code, 0);
    auto r = run("patient add " + payments_db_arg() +
                     " --centre c1 --mrn P-1 --name-latin 'Test Patient' --birth-date 1960-01-01",
                 "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run("episode add " + payments_db_arg() + " --patient 1 --side right --diagnosis M16.11", "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run("price set " + payments_db_arg() + " --centre c1 --from-year " + year_ + " --to-year " + year_ +
                " --line consultation=20000000 --line tests=30000000 --line harvest_bone_marrow=50000000 "
                "--line processing=40000000 --line injection_ultrasound=60000000",
            "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string plan_args(const std::string& year) const {
    // The first instalment a month on, in Jalali with Persian digits as a coordinator types it.
    std::string due = to_jalali(Clock::system().today().plus_days(30)).iso();
    std::replace(due.begin(), due.end(), '-', '/');
    const std::string persian = "۰۱۲۳۴۵۶۷۸۹";
    std::string typed;
    for (const char c : due)
      typed += (c >= '0' && c <= '9') ? persian.substr(static_cast<std::size_t>(c - '0') * 2, 2) : std::string(1, c);
    return "payment plan " + payments_db_arg() + " --episode 1 --year " + year +
           " --down-rials 40000000 --months 4 --first-due " + typed;
  }
  std::string year_;
};

TEST_F(PaymentCli, APlanAgreedAPaymentRecordedOnAJalaliDayTheBalanceShown) {
  auto r = run(plan_args(year_), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["patient_rials"], 200'000'000);
  EXPECT_EQ(r.json()["instalments"].size(), 5U);
  std::string today = to_jalali(Clock::system().today()).iso();
  std::replace(today.begin(), today.end(), '-', '/');
  r = run("payment record " + payments_db_arg() +
              " --episode 1 --amount-rials 50000000 --method transfer --reference TR-77 --paid-on-jalali " + today,
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["balance_rials"], 150'000'000);
  r = run("payment show " + payments_db_arg() + " --episode 1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["payments"][0]["reference"], "TR-77");
  EXPECT_EQ(r.json()["paid_rials"], 50'000'000);
  // The estimate as agreed is shown with the plan: the five steps.
  ASSERT_EQ(r.json()["lines"].size(), 5U);
  EXPECT_EQ(r.json()["lines"][4]["item"], "injection_ultrasound");
}

TEST_F(PaymentCli, APaymentRecordedInErrorIsReversed) {
  ASSERT_EQ(run(plan_args(year_), "").exit_code, 0);
  auto r = run("payment record " + payments_db_arg() + " --episode 1 --amount-rials 90000000 --method cash --paid-on " +
                   Clock::system().today().iso(),
               "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto id = std::to_string(r.json()["payments"][0]["id"].get<std::int64_t>());
  r = run("payment reverse " + payments_db_arg() + " --episode 1 --payment " + id + " --reason ''", "");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  r = run("payment reverse " + payments_db_arg() + " --episode 1 --payment " + id + " --reason 'wrong patient'", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["paid_rials"], 0);
  EXPECT_EQ(r.json()["payments"][0]["reversal_reason"], "wrong patient");
  r = run("payment reverse " + payments_db_arg() + " --episode 1 --payment " + id + " --reason again", "");
  EXPECT_NE(r.exit_code, 0);
}

TEST_F(PaymentCli, ThePlanKeepsEachInsurersShareAsAgreed) {
  auto r = run(plan_args(year_) + " --insurer social-security:0 --insurer supplementary-example-30:12", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto plan = r.json();
  ASSERT_EQ(plan["payers"].size(), 2U);
  EXPECT_EQ(plan["payers"][0]["why"], "pays_nothing");
  // 30 % of the harvest, processing and injection (150,000,000 rials).
  EXPECT_EQ(plan["payers"][1]["amount_rials"], 45'000'000);
  EXPECT_EQ(plan["patient_rials"], 155'000'000);
  r = run("payment show " + payments_db_arg() + " --episode 1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["payers"], plan["payers"]);
}

TEST_F(PaymentCli, RefusalsNameTheFieldAndChangeNothing) {
  auto r = run(plan_args(std::to_string(std::stoi(year_) + 3)), "");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = run("payment show " + payments_db_arg() + " --episode 1", "");
  EXPECT_EQ(r.out.substr(0, 4), "null");
  ASSERT_EQ(run(plan_args(year_), "").exit_code, 0);
  const std::string today = Clock::system().today().iso();
  r = run(
      "payment record " + payments_db_arg() + " --episode 1 --amount-rials 200000001 --method cash --paid-on " + today,
      "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "amount_rials");
  r = run("payment record " + payments_db_arg() + " --episode 1 --amount-rials 1000 --method barter --paid-on " + today,
          "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "method");
  r = run("payment show " + payments_db_arg() + " --episode 1", "");
  EXPECT_TRUE(r.json()["payments"].empty());
}

}  // namespace
}  // namespace rp::cli_test
