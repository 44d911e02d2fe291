// The report's score columns hold codes into a table of each measure's values: what is
// read back must be the double that was set, bit for bit, whatever was set.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "domain/outcomes/columns.hpp"

namespace rp::outcomes {
namespace {

std::uint64_t bits_of(double v) { return std::bit_cast<std::uint64_t>(v); }

TEST(ScoreCodes, AScoreReadsBackAsTheDoubleSet) {
  PromColumns p;
  p.resize(3, 4);
  EXPECT_TRUE(std::isnan(p.at(PromMeasure::hoos_pain, 2, 3)));  // all missing until set
  const double third = 100.0 - 25.0 * 17 / 9;                   // 9 of 10 items answered
  p.set(PromMeasure::hoos_pain, 0, 0, third);
  p.set(PromMeasure::hoos_pain, 1, 0, -0.0);
  p.set(PromMeasure::hoos_pain, 1, 1, 0.0);
  p.set(PromMeasure::nrs_pain, 1, 1, 7);
  p.set(PromMeasure::hoos_pain, 2, 3, 62.5);
  EXPECT_EQ(bits_of(p.at(PromMeasure::hoos_pain, 0, 0)), bits_of(third));
  EXPECT_EQ(bits_of(p.at(PromMeasure::hoos_pain, 1, 0)), bits_of(-0.0));  // not folded into 0
  EXPECT_EQ(bits_of(p.at(PromMeasure::hoos_pain, 1, 1)), bits_of(0.0));
  EXPECT_EQ(p.at(PromMeasure::nrs_pain, 1, 1), 7);
  EXPECT_TRUE(std::isnan(p.at(PromMeasure::nrs_pain, 0, 1)));  // another measure untouched
  EXPECT_EQ(p.column(PromMeasure::hoos_pain, 2)[3], 62.5);
  p.set(PromMeasure::hoos_pain, 2, 3, std::numeric_limits<double>::quiet_NaN());  // cleared
  EXPECT_TRUE(std::isnan(p.at(PromMeasure::hoos_pain, 2, 3)));
}

TEST(ScoreCodes, MoreDistinctValuesThanCodesAreStillHeldExactly) {
  // 70,000 distinct values in one measure: the first 65,534 take codes (the table grows
  // past several sizes), the rest are kept by row; every one reads back unchanged.
  constexpr std::size_t kRows = 70'000;
  PromColumns p;
  p.resize(2, kRows);
  auto value_of = [](std::size_t i) { return 0.001 * static_cast<double>(i) + 1.0 / 3; };
  for (std::size_t i = 0; i < kRows; ++i) p.set(PromMeasure::patient_global, 1, i, value_of(i));
  for (std::size_t i = 0; i < kRows; ++i) p.set(PromMeasure::patient_global, 0, kRows - 1 - i, value_of(i));
  const ScoreColumn later = p.column(PromMeasure::patient_global, 1);
  const ScoreColumn first = p.column(PromMeasure::patient_global, 0);
  ASSERT_EQ(later.size(), kRows);
  for (std::size_t i = 0; i < kRows; ++i) {
    ASSERT_EQ(bits_of(later[i]), bits_of(value_of(i))) << "row " << i;
    ASSERT_EQ(bits_of(first[kRows - 1 - i]), bits_of(value_of(i))) << "row " << kRows - 1 - i;
  }
}

TEST(ScoreCodes, RowsAddedABlockAtATimeStartMissingAndKeepWhatTheyHad) {
  PromColumns p;
  p.resize(2, 0);
  p.reserve(3);
  p.resize_rows(2);
  p.set(PromMeasure::oxford_total, 1, 1, 40);
  p.window_end_day[1][1] = 90;
  p.resize_rows(5);
  p.set(PromMeasure::oxford_total, 1, 4, 41);
  EXPECT_EQ(p.column(PromMeasure::oxford_total, 1).size(), 5U);
  EXPECT_EQ(p.at(PromMeasure::oxford_total, 1, 1), 40) << "a row kept as it was";
  EXPECT_EQ(p.window_end_day[1][1], 90);
  EXPECT_TRUE(std::isnan(p.at(PromMeasure::oxford_total, 1, 2)));
  EXPECT_EQ(p.at(PromMeasure::oxford_total, 1, 4), 41);
  EXPECT_EQ(p.window_end_day[1][4], kNoDay);
  EXPECT_EQ(p.returned_after[0][3], kNoDay);
  p.resize_rows(2);
  EXPECT_EQ(p.column(PromMeasure::oxford_total, 0).size(), 2U) << "cut to the rows added";
  EXPECT_EQ(p.window_end_day[0].size(), 2U);
  EXPECT_EQ(p.at(PromMeasure::oxford_total, 1, 1), 40);
}

}  // namespace
}  // namespace rp::outcomes
