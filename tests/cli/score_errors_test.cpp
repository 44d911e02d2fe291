// `regenpath score` and `regenpath responder` reject bad input with exit 2, nothing on
// stdout, and an error naming the field.
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

void expect_rejected(const std::string& args, const std::string& input, const std::string& field) {
  const CliRun r = run(args, input);
  EXPECT_EQ(r.exit_code, 2) << args << " " << input;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(r.error_field(), field) << r.err;
}

TEST(ScoreCliErrors, OutOfRangeAnswer) {
  expect_rejected("score hoos", R"({"answers": {"P1": 5}})", "P1");
  expect_rejected("score oxford-hip", R"({"answers": {"OHS2": -1}})", "OHS2");
  expect_rejected("score nrs", R"({"answers": {"pain_activity": 11}})", "pain_activity");
  expect_rejected("score hoos", R"({"answers": {"A3": 2.5}})", "A3");
}

TEST(ScoreCliErrors, UnknownItem) {
  expect_rejected("score hoos", R"({"answers": {"P11": 1}})", "P11");
  expect_rejected("score oxford-hip", R"({"answers": {"P1": 1}})", "P1");
}

TEST(ScoreCliErrors, WrongType) {
  expect_rejected("score hoos", R"({"answers": {"P1": "2"}})", "P1");
  expect_rejected("score hoos-jr", R"({"answers": {"P5": true}})", "P5");
  expect_rejected("score womac-from-hoos", R"({"answers": {"S4": [1]}})", "S4");
}

TEST(ScoreCliErrors, HarrisNamesTheMissingOrBadItem) {
  expect_rejected("score harris-hip", R"({"answers": {"pain": "none"}})", "limp");
  expect_rejected("score harris-hip", R"({"answers": {"pain": "sore"}})", "pain");
  expect_rejected("score harris-hip", R"({"answers": {"rom": {"flexion": "ninety"}}})", "rom.flexion");
}

TEST(ScoreCliErrors, BadEnvelope) {
  expect_rejected("score hoos", R"({"P1": 1})", "answers");
  expect_rejected("score hoos", R"({"answers": {"P1": 1)", "file");
  expect_rejected("score knee", R"({"answers": {}})", "instrument");
}

TEST(ScoreCliErrors, ResponderNeedsEveryDomain) {
  expect_rejected("responder", R"({"baseline": {"pain": 50, "function": 50, "global": 50},
                                  "followup": {"pain": 20, "function": 50}})",
                  "followup.global");
  expect_rejected("responder", R"({"baseline": {"pain": 150, "function": 50, "global": 50},
                                  "followup": {"pain": 20, "function": 50, "global": 50}})",
                  "baseline.pain");
  expect_rejected("responder", R"({"baseline": {"pain": "high", "function": 50, "global": 50},
                                  "followup": {"pain": 20, "function": 50, "global": 50}})",
                  "baseline.pain");
}

TEST(ScoreCliErrors, ResponderThresholdsFileErrorsNameTheKey) {
  const auto bad = write_file("bad-thresholds.yaml", "version: 1\nomeract_oarsi:\n  high:\n    relative: lots\n");
  const CliRun r = run("responder --thresholds " + bad.string(),
                       R"({"baseline": {"pain": 50, "function": 50, "global": 50},
                        "followup": {"pain": 20, "function": 50, "global": 50}})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "omeract_oarsi.high.relative") << r.err;
  EXPECT_NE(r.err.find("line 4"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rp::cli_test
