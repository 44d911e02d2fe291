// WOMAC raw subscales from HOOS items: pain P4–P8, stiffness S4–S5, function A1–A17.
#include <gtest/gtest.h>

#include "domain/instruments/womac_from_hoos.hpp"

namespace rp::instruments {
namespace {

HoosResponses filled(int value) {
  HoosResponses r;
  r.fill(value);
  return r;
}

void set(HoosResponses& r, const char* id, std::optional<int> v) { r[*hoos_item_index(id)] = v; }

TEST(InstrumentWomac, SumsTheWomacItemsOnly) {
  HoosResponses r = filled(4);  // items outside WOMAC stay 4 and must not count
  for (int i = 1; i <= 17; ++i) set(r, ("A" + std::to_string(i)).c_str(), 2);
  set(r, "P4", 1);
  set(r, "P5", 2);
  set(r, "P6", 3);
  set(r, "P7", 4);
  set(r, "P8", 0);
  set(r, "S4", 2);
  set(r, "S5", 3);
  const WomacScores w = score_womac_from_hoos(r);
  EXPECT_EQ(w.pain, 10);
  EXPECT_EQ(w.stiffness, 5);
  EXPECT_EQ(w.function, 34);
  EXPECT_EQ(w.total, 49);
}

TEST(InstrumentWomac, MaximaAre20_8_68_96) {
  const WomacScores w = score_womac_from_hoos(filled(4));
  EXPECT_EQ(w.pain, 20);
  EXPECT_EQ(w.stiffness, 8);
  EXPECT_EQ(w.function, 68);
  EXPECT_EQ(w.total, 96);
}

TEST(InstrumentWomac, AnyMissingItemNullsItsSubscaleAndTheTotal) {
  HoosResponses r = filled(1);
  set(r, "P6", std::nullopt);
  WomacScores w = score_womac_from_hoos(r);
  EXPECT_FALSE(w.pain);
  EXPECT_EQ(w.stiffness, 2);
  EXPECT_EQ(w.function, 17);
  EXPECT_FALSE(w.total);

  r = filled(1);
  set(r, "S5", std::nullopt);
  w = score_womac_from_hoos(r);
  EXPECT_FALSE(w.stiffness);
  EXPECT_FALSE(w.total);

  r = filled(1);
  set(r, "A17", std::nullopt);
  w = score_womac_from_hoos(r);
  EXPECT_FALSE(w.function);
  EXPECT_EQ(w.pain, 5);
  EXPECT_FALSE(w.total);
}

TEST(InstrumentWomac, MissingNonWomacItemsDoNotMatter) {
  HoosResponses r = filled(1);
  for (const char* id : {"P1", "P2", "P3", "P9", "P10", "S1", "S2", "S3", "SP1", "Q1"}) set(r, id, std::nullopt);
  EXPECT_EQ(score_womac_from_hoos(r).total, 24);
}

TEST(InstrumentWomac, LabelSaysItComesFromHoosWithOneWeekRecall) {
  EXPECT_EQ(kWomacFromHoosLabel, "WOMAC (from HOOS, 1-week recall)");
}

}  // namespace
}  // namespace rp::instruments
