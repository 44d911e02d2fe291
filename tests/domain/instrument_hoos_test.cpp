// HOOS 2.0 subscales: 100 − mean × 25, 2013 missing-item rule (at least half answered).
#include <gtest/gtest.h>

#include "domain/instruments/hoos.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::answers;
using testing::error_field;

HoosResponses all(int value) {
  HoosResponses r;
  r.fill(value);
  return r;
}

// Sets items by id on an otherwise empty response set.
HoosResponses with(std::initializer_list<std::pair<const char*, int>> items) {
  HoosResponses r;
  for (const auto& [id, v] : items) r[*hoos_item_index(id)] = v;
  return r;
}

TEST(InstrumentHoos, ItemIdsFollowTheFiveSubscales) {
  EXPECT_EQ(kHoosItemIds.size(), 40u);
  EXPECT_EQ(*hoos_item_index("S1"), 0u);
  EXPECT_EQ(*hoos_item_index("P1"), 5u);
  EXPECT_EQ(*hoos_item_index("A1"), 15u);
  EXPECT_EQ(*hoos_item_index("SP1"), 32u);
  EXPECT_EQ(*hoos_item_index("Q4"), 39u);
  EXPECT_FALSE(hoos_item_index("P11"));
}

TEST(InstrumentHoos, NoProblemsScores100AndExtremeProblemsScore0) {
  const HoosScores best = score_hoos(all(0));
  const HoosScores worst = score_hoos(all(4));
  for (const auto& s : {best.symptoms, best.pain, best.adl, best.sport, best.qol}) EXPECT_EQ(s, 100.0);
  for (const auto& s : {worst.symptoms, worst.pain, worst.adl, worst.sport, worst.qol}) EXPECT_EQ(s, 0.0);
}

TEST(InstrumentHoos, PainWithOneItemMissingUsesTheMeanOfTheAnswered) {
  // clinical-facts §14: P = 2,2,3,1,–,2,2,1,2,3 → mean 18/9 = 2 → 100 − 50 = 50.
  const HoosScores s = score_hoos(
      with({{"P1", 2}, {"P2", 2}, {"P3", 3}, {"P4", 1}, {"P6", 2}, {"P7", 2}, {"P8", 1}, {"P9", 2}, {"P10", 3}}));
  EXPECT_EQ(s.pain, 50.0);
  EXPECT_FALSE(s.symptoms);
  EXPECT_FALSE(s.adl);
  EXPECT_FALSE(s.sport);
  EXPECT_FALSE(s.qol);
}

TEST(InstrumentHoos, PainNeedsFiveOfTenItems) {
  // Exactly half: 1+2+3+0+1 = 7 over 5 items → 100 − 1.4 × 25 = 65.
  EXPECT_DOUBLE_EQ(*score_hoos(with({{"P1", 1}, {"P2", 2}, {"P3", 3}, {"P4", 0}, {"P5", 1}})).pain, 65.0);
  EXPECT_FALSE(score_hoos(with({{"P1", 1}, {"P2", 2}, {"P3", 3}, {"P4", 0}})).pain);
}

TEST(InstrumentHoos, SymptomsNeedThreeOfFiveItems) {
  // 1+2+4 = 7 over 3 → 100 − 7/3 × 25 = 125/3.
  EXPECT_DOUBLE_EQ(*score_hoos(with({{"S1", 1}, {"S2", 2}, {"S3", 4}})).symptoms, 125.0 / 3.0);
  EXPECT_FALSE(score_hoos(with({{"S1", 1}, {"S2", 2}})).symptoms);
}

TEST(InstrumentHoos, AdlNeedsNineOfSeventeenItems) {
  HoosResponses r = with({{"A1", 1}, {"A2", 1}, {"A3", 1}, {"A4", 1}, {"A5", 1}, {"A6", 1}, {"A7", 1}, {"A8", 1}});
  EXPECT_FALSE(score_hoos(r).adl);  // 8 of 17
  r[*hoos_item_index("A17")] = 3;   // 9 of 17: sum 11 → 100 − 11/9 × 25 = 625/9
  EXPECT_DOUBLE_EQ(*score_hoos(r).adl, 625.0 / 9.0);
}

TEST(InstrumentHoos, SportAndQolNeedTwoOfFourItems) {
  EXPECT_EQ(score_hoos(with({{"SP1", 0}, {"SP4", 4}})).sport, 50.0);
  EXPECT_FALSE(score_hoos(with({{"SP1", 0}})).sport);
  EXPECT_EQ(score_hoos(with({{"Q2", 1}, {"Q3", 2}})).qol, 62.5);
  EXPECT_FALSE(score_hoos(with({{"Q3", 2}})).qol);
  EXPECT_EQ(score_hoos(with({{"Q1", 1}, {"Q2", 1}, {"Q3", 1}, {"Q4", 1}})).qol, 75.0);
}

TEST(InstrumentHoos, SubscalesAreIndependent) {
  // A full pain subscale does not rescue an empty symptoms subscale, and vice versa.
  HoosResponses r = all(2);
  for (const char* id : {"S1", "S2", "S3"}) r[*hoos_item_index(id)] = std::nullopt;
  const HoosScores s = score_hoos(r);
  EXPECT_FALSE(s.symptoms);
  EXPECT_EQ(s.pain, 50.0);
}

TEST(InstrumentHoos, ValidatesEachAnswerNamingTheItem) {
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"P1", 5.0}})); }), "P1");
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"P2", -1.0}})); }), "P2");
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"A3", 2.5}})); }), "A3");
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"Q1", std::string("2")}})); }), "Q1");
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"S1", 1.0}, {"X9", 1.0}})); }), "X9");
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"P5.a", 1.0}})); }), "P5");
  EXPECT_EQ(error_field([] { hoos_responses(answers({{"P1", 4.0}, {"P2", 0.0}})); }), "<no error>");
}

TEST(InstrumentHoos, AcceptsWholeNumbersWrittenWithADecimalPoint) {
  const HoosResponses r = hoos_responses(answers({{"P1", 2.0}}));
  EXPECT_EQ(r[5], 2);
}

}  // namespace
}  // namespace rp::instruments
