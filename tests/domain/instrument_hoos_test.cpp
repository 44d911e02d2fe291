// HOOS 2.0 subscales: 100 − mean × 25, 2013 missing-item rule (at least half answered).
// The scored cases are in tests/cases/instruments/hoos.yaml.
#include <gtest/gtest.h>

#include "domain/instruments/hoos.hpp"

namespace rp::instruments {
namespace {

TEST(InstrumentHoos, ItemIdsFollowTheFiveSubscales) {
  EXPECT_EQ(kHoosItemIds.size(), 40u);
  EXPECT_EQ(*hoos_item_index("S1"), 0u);
  EXPECT_EQ(*hoos_item_index("P1"), 5u);
  EXPECT_EQ(*hoos_item_index("A1"), 15u);
  EXPECT_EQ(*hoos_item_index("SP1"), 32u);
  EXPECT_EQ(*hoos_item_index("Q4"), 39u);
  EXPECT_FALSE(hoos_item_index("P11"));
}

}  // namespace
}  // namespace rp::instruments
