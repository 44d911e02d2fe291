// `regenpath din check` and `din new` as scripts use them: the JSON answer, and a wrong
// check character refused with exit 2, the field `din` and the expected character named.
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

TEST(DinCli, ChecksTypedAndScannedDins) {
  for (const char* given : {"A999914123456", "A999914123456N", "=A99991412345683"}) {
    const auto r = run(std::string("din check ") + given, "");
    ASSERT_EQ(r.exit_code, 0) << given << ": " << r.err;
    const auto j = r.json();
    EXPECT_EQ(j["din"], "A999914123456");
    EXPECT_EQ(j["check"], "N");
    EXPECT_EQ(j["flag"], "83");
    EXPECT_EQ(j["valid"], true);
  }
}

TEST(DinCli, WrongCheckCharacterIsRefusedNamingTheExpectedOne) {
  const auto r = run("din check A999914123456K", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(r.error_field(), "din") << r.err;
  const auto e = nlohmann::json::parse(r.err).at("error");
  EXPECT_EQ(e["reason"], "din_check_character");
  EXPECT_EQ(e["params"]["expected"], "N");
  EXPECT_NE(e["message"].get<std::string>().find("'N'"), std::string::npos) << r.err;
  // Garbage from a scanner is refused the same way, naming the field.
  const auto g = run("din check =XYZ", "");
  EXPECT_EQ(g.exit_code, 2);
  EXPECT_EQ(g.error_field(), "din");
}

TEST(DinCli, MakesANewDin) {
  auto r = run("din new --facility G1517 --year 24 --seq 123456", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json(), (nlohmann::json{{"din", "G151724123456"}, {"check", "E"}, {"flag", "74"}}));
  // What din new makes, din check accepts with its check character.
  r = run("din check G151724123456E", "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run("din new --facility G1517 --year 24 --seq 1234567", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "seq");
  r = run("din new --facility O1517 --year 24 --seq 1", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "facility");
}

}  // namespace
}  // namespace rp::cli_test
