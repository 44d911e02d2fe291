// Oxford Hip Score: 12 items 0–4 (4 = best), total 0–48; all items required.
// The scored cases are in tests/cases/instruments/oxford-hip.yaml.
#include <gtest/gtest.h>

#include "domain/instruments/oxford_hip.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::answers;

OxfordHipResponses of(std::array<int, 12> v) {
  OxfordHipResponses r;
  for (std::size_t i = 0; i < 12; ++i) r[i] = v[i];
  return r;
}

TEST(InstrumentOxford, OneMissingItemMeansNoTotal) {
  for (std::size_t i = 0; i < 12; ++i) {
    OxfordHipResponses r = of({4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4});
    r[i] = std::nullopt;
    EXPECT_FALSE(score_oxford_hip(r)) << i;
  }
}

TEST(InstrumentOxford, ResponsesAreIndexedByItemNumber) {
  const OxfordHipResponses r = oxford_hip_responses(answers({{"OHS12", 0.0}}));
  EXPECT_EQ(r[11], 0);
  EXPECT_FALSE(r[0]);
}

}  // namespace
}  // namespace rp::instruments
