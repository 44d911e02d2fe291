// The outcome report as the API answers it (and `regenpath report outcomes` prints it):
// curves and limits as rows of named figures, what each figure counts, and no name of a
// centre the reader may not see, on registries small enough to follow by hand.
#include <gtest/gtest.h>

#include "api/contract/reports.hpp"
#include "api/http/contract.hpp"
#include "tests/service/outcomes_test_support.hpp"

namespace rp {
namespace {

using nlohmann::json;
using test::PatientSpec;

// Conversions on days 10 (centre a) and 15 (b); censored on 20 (a), 30 (a), 40 (b).
std::vector<PatientSpec> five() {
  return {{0, 10, true}, {1, 15, true}, {0, 20, false}, {0, 30, false}, {1, 40, false}};
}

json answer_for(const service::ReportView& view) {
  const auto report = service::compute_outcome_report(test::registry(five()), test::small_inputs(400), view);
  return api::http::encode(api::contract::outcome_report_out(report));
}

TEST(OutcomeReportAnswer, CurvesAreRowsOfNamedFigures) {
  const json answer = answer_for({{"centre-a", "centre-b"}, true});
  const json& survival = answer["scopes"][0]["survival"];
  const json& start = survival["curve"][0];
  EXPECT_EQ(start["day"], 0);
  EXPECT_DOUBLE_EQ(start["surv"].get<double>(), 1.0);
  for (const char* key : {"lower", "upper"}) EXPECT_TRUE(start.contains(key)) << key;
  // After the conversion on day 10: 4 of 5 left.
  EXPECT_DOUBLE_EQ(survival["curve"][1]["surv"].get<double>(), 0.8);
  // Censored on 20, 30 and 40, each once, on the curve's value there (0.6 after day 15).
  const json& censored = survival["censored"];
  ASSERT_EQ(censored.size(), 3U);
  EXPECT_EQ(censored[0]["day"], 20);
  EXPECT_DOUBLE_EQ(censored[0]["surv"].get<double>(), 0.6);
  EXPECT_EQ(censored[0]["count"], 1);
  EXPECT_TRUE(censored[0]["count"].is_number_integer());
  const json& limits = answer["funnel"]["limits"];
  ASSERT_FALSE(limits.empty());
  for (const auto& l : limits) {
    EXPECT_TRUE(l["n"].is_number());
    for (const char* key : {"lower95", "upper95", "lower998", "upper998"}) EXPECT_TRUE(l.contains(key)) << key;
    // Control limits nest: the 99.8 % ones are outside the 95 % ones.
    if (l["lower95"].is_number() && l["lower998"].is_number()) {
      EXPECT_LE(l["lower998"].get<double>(), l["lower95"].get<double>());
    }
    if (l["upper95"].is_number() && l["upper998"].is_number()) {
      EXPECT_GE(l["upper998"].get<double>(), l["upper95"].get<double>());
    }
  }
}

TEST(OutcomeReportAnswer, EveryFigureSaysWhatItCounts) {
  const json answer = answer_for({{"centre-a", "centre-b"}, true});
  const json& definitions = answer["definitions"];
  EXPECT_EQ(definitions.size(), 8U);
  for (const char* key : {"treated", "survival", "trajectories", "responders", "completeness", "adverse_events",
                          "serious_rate", "repeats"})
    for (const char* lang : {"en", "fa"}) EXPECT_FALSE(definitions[key][lang].get<std::string>().empty()) << key;
}

TEST(OutcomeReportAnswer, OtherCentresAreUnnamedForACentresStaff) {
  const json answer = answer_for({{"centre-b"}, false});
  EXPECT_EQ(answer["funnel"]["centres"][0]["centre"], "other centre");
  EXPECT_EQ(answer.dump().find("centre-a"), std::string::npos);
}

}  // namespace
}  // namespace rp
