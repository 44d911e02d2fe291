// The command line explains a refusal in its user's language (REGENPATH_LANG, else the
// locale), from the same error catalogue as the API, with the reason and params beside.
#include <gtest/gtest.h>

#include <cstdlib>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

// The language for the commands run while it lives.
class CliLanguage {
 public:
  explicit CliLanguage(const char* language) { ::setenv("REGENPATH_LANG", language, 1); }
  ~CliLanguage() { ::unsetenv("REGENPATH_LANG"); }
};

TEST(CliErrorLanguage, PersianWhenAsked) {
  const CliLanguage fa("fa_IR.UTF-8");
  const CliRun r = run("score knee", R"({"answers": {}})");
  EXPECT_EQ(r.exit_code, 2);
  const auto error = nlohmann::json::parse(r.err).at("error");
  EXPECT_EQ(error.at("field"), "instrument");
  EXPECT_EQ(error.at("reason"), "unknown_instrument_one_of");
  EXPECT_EQ(error.at("params").at("instrument"), "knee");
  EXPECT_EQ(error.at("message").get<std::string>().rfind("پرسشنامه «knee» شناخته نیست؛ یکی از: ", 0), 0U) << r.err;
}

TEST(CliErrorLanguage, EnglishOtherwise) {
  const CliLanguage en("en");
  const CliRun r = run("score knee", R"({"answers": {}})");
  EXPECT_EQ(r.exit_code, 2);
  const auto error = nlohmann::json::parse(r.err).at("error");
  EXPECT_EQ(error.at("reason"), "unknown_instrument_one_of");
  EXPECT_EQ(error.at("message").get<std::string>().rfind("unknown instrument 'knee'; one of: ", 0), 0U) << r.err;
}

}  // namespace
}  // namespace rp::cli_test
