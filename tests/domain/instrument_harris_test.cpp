// Harris Hip Score: option points, all-or-nothing deformity, 1969 ROM index, bands.
// The scored cases are in tests/cases/instruments/harris-hip.yaml.
#include <gtest/gtest.h>

#include "domain/instruments/harris_hip.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::error_field;

Answers full_answers() {
  return testing::answers({{"pain", std::string("mild")},
                           {"limp", std::string("slight")},
                           {"support", std::string("cane_long_walks")},
                           {"distance", std::string("six_blocks")},
                           {"stairs", std::string("normal_with_railing")},
                           {"shoes_socks", std::string("with_difficulty")},
                           {"sitting", std::string("ordinary_chair_1h")},
                           {"public_transport", std::string("able")},
                           {"deformity.fixed_flexion_deg", 10.0},
                           {"deformity.fixed_adduction_deg", 0.0},
                           {"deformity.fixed_internal_rotation_deg", 5.0},
                           {"deformity.leg_length_discrepancy_cm", 1.5},
                           {"rom.flexion", 90.0},
                           {"rom.abduction", 20.0},
                           {"rom.adduction", 10.0},
                           {"rom.external_rotation", 10.0},
                           {"rom.internal_rotation", 20.0}});
}

// The part scores are not among the instrument's scores, so no case file can check them.
TEST(InstrumentHarris, PartScoresOfAMixedCase) {
  // Pain 30; gait 8 + 7 + 8 = 23; activities 2 + 2 + 5 + 1 = 10.
  const HarrisScore s = score_harris_hip(harris_answers(full_answers()));
  EXPECT_EQ(s.pain, 30);
  EXPECT_EQ(s.gait, 23);
  EXPECT_EQ(s.activities, 10);
}

TEST(InstrumentHarris, EveryItemIsRequired) {
  for (std::string_view id : kHarrisItemIds) {
    Answers partial;
    for (const auto& [item, v] : full_answers()) {
      if (item != id) partial.set(item, v);
    }
    EXPECT_EQ(error_field([&] { harris_answers(partial); }), id);
  }
}

}  // namespace
}  // namespace rp::instruments
