// `regenpath price set|list` and `regenpath cost estimate` as the operator types them: a
// centre's price list written and read back, its next version replacing it (the old one
// kept in the history), overlapping years and bad lines refused with exit 2 naming the
// field and nothing written, and an estimate whose insurer's and patient's shares sum to
// the total, with an instalment plan of the patient's share.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string db_file() { return (scratch() / "prices.db").string(); }
std::string db_arg() { return "--db " + db_file(); }

int lists_written() {
  SQLite::Database d(db_file());
  return d.execAndGet("SELECT COUNT(*) FROM price_lists").getInt();
}

const char* kLines =
    " --line consultation=10000000 --line tests=30000000 --line harvest_bone_marrow=40000000"
    " --line processing=50000000 --line 'processing_expansion=۹۰۰۰۰۰۰۰' --line injection_ultrasound=20000000";

TEST(PriceCli, AListIsWrittenVersionedAndUsedByAnEstimate) {
  std::filesystem::remove(db_file());
  ASSERT_EQ(run("db init " + db_arg(), "").exit_code, 0);
  ASSERT_EQ(run("centre add " + db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed", "")
                .exit_code,
            0);
  auto r =
      run("price set " + db_arg() + " --centre c1 --from-year 1403 --to-year 1404 --note 'first list'" + kLines, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::int64_t first = r.json()["id"];
  EXPECT_EQ(r.json()["series_id"], first);
  EXPECT_EQ(r.json()["version"], 1);
  EXPECT_EQ(r.json()["lines"].size(), 6U);
  EXPECT_EQ(r.json()["lines"][4], (nlohmann::json{{"item", "processing_expansion"}, {"amount_rials", 90'000'000}}))
      << "Persian digits read";

  // Refused, naming the field; nothing written.
  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {" --centre c1 --from-year 1404 --to-year 1405 --line consultation=1", "valid_from_year"},
           {" --centre c1 --from-year 1406 --to-year 1405 --line consultation=1", "valid_to_year"},
           {" --centre c1 --from-year 1406 --to-year 1406 --line consultation=0", "lines.consultation"},
           {" --centre c1 --from-year 1406 --to-year 1406 --line massage=10", "line"},
           {" --centre c1 --from-year 1406 --to-year 1406 --line consultation", "line"},
           {" --centre c1 --from-year 1406 --to-year 1406 --line consultation=-5", "line"},
           {" --centre c1 --from-year 1406 --to-year 1406 --line tests=1 --line tests=2", "lines.tests"},
           {" --centre nowhere --from-year 1406 --to-year 1406 --line tests=1", "centre"},
           {" --centre c1 --from-year 1406 --to-year 1406 --line tests=1 --replaces 99", "replaces"},
       }) {
    const auto bad = run("price set " + db_arg() + args, "");
    EXPECT_EQ(bad.exit_code, 2) << args << " " << bad.out;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
  }
  EXPECT_EQ(lists_written(), 1);

  // The next version replaces it; the old one stays in the history, and cannot be replaced again.
  r = run("price set " + db_arg() + " --centre c1 --from-year 1403 --to-year 1404 --replaces " + std::to_string(first) +
              " --note 'consultation up'" +
              " --line consultation=12000000 --line tests=30000000 --line harvest_bone_marrow=40000000"
              " --line processing=50000000 --line injection_ultrasound=20000000",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::int64_t second = r.json()["id"];
  EXPECT_EQ(r.json()["series_id"], first);
  EXPECT_EQ(r.json()["version"], 2);
  const auto again = run("price set " + db_arg() + " --centre c1 --from-year 1403 --to-year 1404 --replaces " +
                             std::to_string(first) + " --line consultation=1",
                         "");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.error_field(), "replaces");
  const auto current = run("price list " + db_arg() + " --centre c1", "").json();
  ASSERT_EQ(current.size(), 1U);
  EXPECT_EQ(current[0]["id"], second);
  const auto history = run("price list --history " + db_arg() + " --centre c1", "").json();
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0]["superseded_at"].is_string(), true);

  // An estimate with the example 30 % insurer after its waiting period, and instalments.
  r = run("cost estimate " + db_arg() +
              " --centre c1 --year ۱۴۰۳ --insurer social-security:24 --insurer supplementary-example-30:12"
              " --down-rials 21000000 --months 4 --first-due 1403/11/30",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto e = r.json();
  EXPECT_EQ(e["price_list_id"], second);
  EXPECT_EQ(e["total_rials"], 152'000'000);  // 12 + 30 + 40 + 50 + 20 million rials
  ASSERT_EQ(e["payers"].size(), 2U);
  EXPECT_EQ(e["payers"][0]["amount_rials"], 0);
  EXPECT_EQ(e["payers"][0]["why"], "pays_nothing");
  EXPECT_EQ(e["payers"][1]["amount_rials"], 33'000'000);  // 30 % of harvest, processing and injection
  EXPECT_EQ(e["patient_rials"], 119'000'000);
  EXPECT_EQ(e["instalments"]["financed_rials"], 98'000'000);
  std::int64_t sum = e["instalments"]["down_rials"];
  for (const auto& i : e["instalments"]["instalments"]) sum += i["amount_rials"].get<std::int64_t>();
  EXPECT_EQ(sum, 119'000'000);
  EXPECT_EQ(e["instalments"]["instalments"][1]["due_jalali"], "1403/12/30");  // 1403 is a leap year

  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {" --centre c1 --year 1405", "year"},
           {" --centre c1 --year 1403 --cell-source adipose", "treatment"},
           {" --centre c1 --year 1403 --insurer dana:3", "insurers[0].insurer"},
           {" --centre c1 --year 1403 --months 3", "first-due"},
           {" --centre c1 --year 1403 --months 3 --first-due 1404/12/30", "first-due"},
           {" --centre c1 --year 1403 --down-rials 200000000 --months 3 --first-due 1403/01/01", "down-rials"},
       }) {
    const auto bad = run("cost estimate " + db_arg() + args, "");
    EXPECT_EQ(bad.exit_code, 2) << args << " " << bad.out;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
  }
}

}  // namespace
}  // namespace rp::cli_test
