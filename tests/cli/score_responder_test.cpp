// `regenpath responder`: OMERACT-OARSI on 0–100 scales (higher = worse), with the
// thresholds shipped in instruments/responder-thresholds.yaml.
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string body(double bp, double bf, double bg, double fp, double ff, double fg) {
  nlohmann::json j = {{"baseline", {{"pain", bp}, {"function", bf}, {"global", bg}}},
                      {"followup", {{"pain", fp}, {"function", ff}, {"global", fg}}}};
  return j.dump();
}

TEST(ScoreCliResponder, HighAtExactlyFiftyPercentAndTwentyPoints) {
  const CliRun r = run("responder", body(40, 50, 50, 20, 50, 50));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["responder"], true);
  EXPECT_EQ(r.json()["criterion"], "high");
}

TEST(ScoreCliResponder, ModerateInTwoDomains) {
  const CliRun r = run("responder -", body(50, 50, 50, 40, 50, 40));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["responder"], true);
  EXPECT_EQ(r.json()["criterion"], "moderate");
}

TEST(ScoreCliResponder, NonResponderHasNullCriterion) {
  const CliRun r = run("responder", body(50, 50, 50, 41, 50, 40));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["responder"], false);
  EXPECT_TRUE(r.json()["criterion"].is_null());
}

TEST(ScoreCliResponder, BaselineZeroCannotRespond) {
  const CliRun r = run("responder", body(0, 0, 0, 0, 0, 0));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["responder"], false);
}

TEST(ScoreCliResponder, OptionalImmpactAndMcid) {
  nlohmann::json j = nlohmann::json::parse(body(60, 60, 60, 55, 55, 55));
  j["nrs_pain"] = {{"baseline", 10}, {"followup", 7}};
  j["hoos_pain"] = {{"baseline", 40}, {"followup", 63}};
  const CliRun r = run("responder", j.dump());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = r.json();
  EXPECT_EQ(out["responder"], false);
  EXPECT_DOUBLE_EQ(out["immpact_nrs"]["reduction"].get<double>(), 0.3);
  EXPECT_EQ(out["immpact_nrs"]["moderate"], true);
  EXPECT_EQ(out["immpact_nrs"]["substantial"], false);
  EXPECT_EQ(out["hoos_pain_mcid"]["improvement"], 23.0);
  EXPECT_EQ(out["hoos_pain_mcid"]["threshold"], 24.0);
  EXPECT_EQ(out["hoos_pain_mcid"]["met"], false);
}

}  // namespace
}  // namespace rp::cli_test
