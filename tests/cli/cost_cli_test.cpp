// `regenpath cost instalments` as a script calls it: the plan as JSON (Gregorian and Jalali
// due dates, amounts in rials), Persian digits accepted, and each impossible plan refused
// with exit 2 naming its flag, nothing printed on stdout.
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

TEST(CostCli, APlanInJsonWithBothCalendars) {
  const auto r =
      run("cost instalments --total-rials 160000000 --down-rials 40000000 --months 6 --first-due 1405/06/31", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = r.json();
  EXPECT_EQ(j["total_rials"], 160'000'000);
  EXPECT_EQ(j["down_rials"], 40'000'000);
  EXPECT_EQ(j["financed_rials"], 120'000'000);
  ASSERT_EQ(j["instalments"].size(), 6U);
  EXPECT_EQ(j["instalments"][0], (nlohmann::json{{"n", 1},
                                                 {"due", "2026-09-22"},
                                                 {"due_jalali", "1405/06/31"},
                                                 {"amount_rials", 20'000'000},
                                                 {"amount_tomans", "2,000,000"}}));
  EXPECT_EQ(j["instalments"][1]["due_jalali"], "1405/07/30");
  EXPECT_EQ(j["instalments"][5]["due_jalali"], "1405/11/30");
  std::int64_t sum = j["down_rials"];
  for (const auto& i : j["instalments"]) sum += i["amount_rials"].get<std::int64_t>();
  EXPECT_EQ(sum, 160'000'000);
}

TEST(CostCli, PersianDigitsAreRead) {
  const auto r = run("cost instalments --total-rials ۱۰۰۰۰۰۰ --down-rials ۰ --months ۳ --first-due ۱۴۰۵/۱۱/۳۰", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = r.json();
  EXPECT_EQ(j["instalments"][1]["due_jalali"], "1405/12/29");
  EXPECT_EQ(j["instalments"][2]["amount_rials"], 340'000);
}

TEST(CostCli, ImpossiblePlansNameTheirFlag) {
  const struct {
    const char* args;
    const char* field;
  } cases[] = {
      {"--total-rials 1000000 --down-rials 2000000 --months 3 --first-due 1405/01/01", "down-rials"},
      {"--total-rials 1000000 --down-rials 0 --months 0 --first-due 1405/01/01", "months"},
      {"--total-rials 1000000 --down-rials 0 --months three --first-due 1405/01/01", "months"},
      {"--total-rials 1000000 --down-rials 0 --months 3 --first-due 1404/12/30", "first-due"},
      {"--total-rials 1000000 --down-rials 0 --months 3 --first-due tomorrow", "first-due"},
      {"--total-rials -5 --down-rials 0 --months 3 --first-due 1405/01/01", "total-rials"},
      {"--total-rials 1000000 --down-rials 1.5 --months 3 --first-due 1405/01/01", "down-rials"},
  };
  for (const auto& c : cases) {
    const auto r = run(std::string("cost instalments ") + c.args, "");
    EXPECT_EQ(r.exit_code, 2) << c.args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(r.error_field(), c.field) << c.args << ": " << r.err;
  }
}

}  // namespace
}  // namespace rp::cli_test
