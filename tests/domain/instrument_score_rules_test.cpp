// A submission from which the instrument's missing-item rule computes no score is
// refused saying the rule; one with some scores withheld names them (unscored).
#include <gtest/gtest.h>

#include "domain/instruments/registry.hpp"
#include "domain/instruments/score_rules.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::answers;

std::string refusal(InstrumentId id, const Answers& a) {
  try {
    require_a_score(score(id, a), a);
  } catch (const InputError& e) {
    return e.field() + ": " + e.what();
  }
  return "accepted";
}

TEST(ScoreRules, NoScoreAtAllIsRefusedWithTheRule) {
  EXPECT_EQ(refusal(InstrumentId::nrs, {}),
            "answers: nrs gives no score without an answer to pain_rest or pain_activity");
  EXPECT_EQ(refusal(InstrumentId::patient_global, {}),
            "answers: patient-global gives no score without an answer to global");
  EXPECT_EQ(refusal(InstrumentId::satisfaction, {}),
            "answers: satisfaction gives no score without an answer to satisfaction");
  EXPECT_EQ(refusal(InstrumentId::return_to_activity, {}),
            "answers: return-to-activity gives no score without an answer to returned_on");
  EXPECT_EQ(refusal(InstrumentId::hoos_jr, answers({{"P5", 1.0}, {"A14", 2.0}})),
            "answers: hoos-jr is scored only with all 6 of its items answered; missing: P10, A3, A5, A12");
  Answers oxford;
  for (int i = 2; i <= 12; ++i) oxford.set("OHS" + std::to_string(i), 4.0);
  EXPECT_EQ(refusal(InstrumentId::oxford_hip, oxford),
            "answers: oxford-hip is scored only with all 12 of its items answered; missing: OHS1");
  // 4 of 10 pain items, 2 of 5 symptoms: below half everywhere.
  EXPECT_EQ(refusal(InstrumentId::hoos, answers({{"P1", 1.0}, {"P2", 1.0}, {"P3", 1.0}, {"P4", 1.0}, {"S1", 0.0}})),
            "answers: hoos scores a subscale only when at least half of its items are answered, and none has that "
            "many");
  EXPECT_EQ(refusal(InstrumentId::womac_from_hoos, answers({{"P4", 1.0}, {"S4", 1.0}})),
            "answers: womac-from-hoos scores a subscale only when all of its items are answered, and none has them "
            "all");
}

TEST(ScoreRules, SomeScoresWithheldAreNamed) {
  const Answers rest_only = answers({{"pain_rest", 3.0}});
  EXPECT_EQ(refusal(InstrumentId::nrs, rest_only), "accepted");
  const auto nrs = unscored(score(InstrumentId::nrs, rest_only));
  EXPECT_EQ(std::vector<std::string_view>(nrs.begin(), nrs.end()),
            (std::vector<std::string_view>{"pain", "pain_activity"}));
  const Answers stiffness = answers({{"S4", 1.0}, {"S5", 2.0}});
  EXPECT_EQ(refusal(InstrumentId::womac_from_hoos, stiffness), "accepted");
  const auto womac = unscored(score(InstrumentId::womac_from_hoos, stiffness));
  EXPECT_EQ(womac, (std::vector<std::string_view>{"pain", "function", "total"}));
  EXPECT_TRUE(
      unscored(score(InstrumentId::return_to_activity, answers({{"returned_on", std::string("not_yet")}}))).size() ==
      1);  // no date while not yet returned
}

}  // namespace
}  // namespace rp::instruments
