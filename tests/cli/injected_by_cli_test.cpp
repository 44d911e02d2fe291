// Who injected, recorded from the command line as staff would (episode add/update
// --injected-by) and read back with episode show.
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string operator_db_arg() { return "--db " + (scratch() / "operator.db").string(); }

TEST(RecordsCli, InjectedByIsSetCheckedAndShown) {
  std::filesystem::remove(scratch() / "operator.db");
  ASSERT_EQ(run("db init " + operator_db_arg(), "").exit_code, 0);
  for (const char* centre : {"c1", "c2"})
    ASSERT_EQ(run("centre add " + operator_db_arg() + " --id " + centre +
                      " --name-en Clinic --name-fa درمانگاه --licence-status licensed",
                  "")
                  .exit_code,
              0);
  ASSERT_EQ(run("user add " + operator_db_arg() + " --username dr.karimi --role surgeon --centre c1", "").exit_code, 0);
  ASSERT_EQ(run("user add " + operator_db_arg() + " --username dr.other --role surgeon --centre c2", "").exit_code, 0);
  ASSERT_EQ(run("patient add " + operator_db_arg() +
                    " --centre c1 --mrn M-1 --name-latin 'Maryam Rezaei' --sex female --birth-date 1966-08-03"
                    " --consent treatment,registry",
                "")
                .exit_code,
            0);
  auto r = run("episode add " + operator_db_arg() + " --patient 1 --side right --diagnosis M16.11", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.json().contains("injected_by") && !r.json()["injected_by"].is_null());

  // A surgeon of another centre is refused, naming the field; nothing changes.
  r = run("episode update 1 --injected-by dr.other " + operator_db_arg(), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "injected_by") << r.err;

  r = run("episode update 1 --injected-by dr.karimi " + operator_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["injected_by"], "dr.karimi");
  r = run("episode show 1 " + operator_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["injected_by"], "dr.karimi");
}

}  // namespace
}  // namespace rp::cli_test
