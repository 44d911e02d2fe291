// WOMAC raw subscales from HOOS items: pain P4–P8, stiffness S4–S5, function A1–A17.
// The scored cases are in tests/cases/instruments/womac-from-hoos.yaml.
#include <gtest/gtest.h>

#include "domain/instruments/womac_from_hoos.hpp"

namespace rp::instruments {
namespace {

TEST(InstrumentWomac, LabelSaysItComesFromHoosWithOneWeekRecall) {
  EXPECT_EQ(kWomacFromHoosLabel, "WOMAC (from HOOS, 1-week recall)");
}

}  // namespace
}  // namespace rp::instruments
