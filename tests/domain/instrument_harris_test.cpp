// Harris Hip Score: option points, all-or-nothing deformity, 1969 ROM index, bands.
#include <gtest/gtest.h>

#include "domain/instruments/harris_hip.hpp"
#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

using testing::error_field;

HarrisAnswers best() {
  HarrisAnswers a;
  a.pain = "none";
  a.limp = "none";
  a.support = "none";
  a.distance = "unlimited";
  a.stairs = "normal_no_railing";
  a.shoes_socks = "with_ease";
  a.sitting = "ordinary_chair_1h";
  a.public_transport = "able";
  a.rom = {.flexion = 110, .abduction = 20, .adduction = 15, .external_rotation = 15, .internal_rotation = 0};
  return a;
}

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

TEST(InstrumentHarris, OptionPointsFollowThePublishedForm) {
  EXPECT_EQ(harris_option_points("pain", "none"), 44);
  EXPECT_EQ(harris_option_points("pain", "slight"), 40);
  EXPECT_EQ(harris_option_points("pain", "mild"), 30);
  EXPECT_EQ(harris_option_points("pain", "moderate"), 20);
  EXPECT_EQ(harris_option_points("pain", "marked"), 10);
  EXPECT_EQ(harris_option_points("pain", "disabled"), 0);
  EXPECT_EQ(harris_option_points("limp", "slight"), 8);
  EXPECT_EQ(harris_option_points("limp", "moderate"), 5);
  EXPECT_EQ(harris_option_points("support", "cane_long_walks"), 7);
  EXPECT_EQ(harris_option_points("support", "cane_most_time"), 5);
  EXPECT_EQ(harris_option_points("support", "one_crutch"), 3);
  EXPECT_EQ(harris_option_points("support", "two_canes"), 2);
  EXPECT_EQ(harris_option_points("support", "two_crutches_or_unable"), 0);
  EXPECT_EQ(harris_option_points("distance", "six_blocks"), 8);
  EXPECT_EQ(harris_option_points("distance", "two_three_blocks"), 5);
  EXPECT_EQ(harris_option_points("distance", "indoors_only"), 2);
  EXPECT_EQ(harris_option_points("distance", "bed_chair"), 0);
  EXPECT_EQ(harris_option_points("stairs", "normal_with_railing"), 2);
  EXPECT_EQ(harris_option_points("stairs", "any_manner"), 1);
  EXPECT_EQ(harris_option_points("shoes_socks", "with_difficulty"), 2);
  EXPECT_EQ(harris_option_points("sitting", "high_chair_30min"), 3);
  EXPECT_EQ(harris_option_points("public_transport", "unable"), 0);
  EXPECT_EQ(error_field([] { harris_option_points("limp", "a_bit"); }), "limp");
}

TEST(InstrumentHarris, RomIndexMaximumIsCappedAtFivePoints) {
  // clinical-facts §14: flex 110, abd 20, ER 15, add 15 → 100.5 × 0.05 = 5.025 → 5.
  const HarrisRom rom{.flexion = 110, .abduction = 20, .adduction = 15, .external_rotation = 15};
  EXPECT_EQ(harris_rom_index_tenths(rom), 1005);
  EXPECT_EQ(harris_rom_points(rom), 5.0);
}

TEST(InstrumentHarris, RomIndexMethodVector) {
  // clinical-facts §14: flex 90 (45 + 45×0.6), abd 20 (12 + 1.5), ER 10 (4), add 10 (2) → 91.5 → 4.575.
  const HarrisRom rom{.flexion = 90, .abduction = 20, .adduction = 10, .external_rotation = 10};
  EXPECT_EQ(harris_rom_index_tenths(rom), 915);
  EXPECT_DOUBLE_EQ(harris_rom_points(rom), 4.575);
}

TEST(InstrumentHarris, RomBandsStopAtTheirLimits) {
  // Flexion beyond 110°, abduction beyond 20°, ER and adduction beyond 15° add nothing;
  // internal rotation carries no weight.
  const HarrisRom a{.flexion = 110, .abduction = 20, .adduction = 15, .external_rotation = 15, .internal_rotation = 0};
  const HarrisRom b{.flexion = 140, .abduction = 45, .adduction = 30, .external_rotation = 40, .internal_rotation = 40};
  EXPECT_EQ(harris_rom_index_tenths(a), harris_rom_index_tenths(b));
  EXPECT_EQ(harris_rom_index_tenths(HarrisRom{.flexion = 45}), 450);
  EXPECT_EQ(harris_rom_index_tenths(HarrisRom{.flexion = 100}), 450 + 270 + 30);
  EXPECT_EQ(harris_rom_index_tenths(HarrisRom{.abduction = 16}), 120 + 3);
  EXPECT_EQ(harris_rom_index_tenths(HarrisRom{}), 0);
}

TEST(InstrumentHarris, DeformityIsAllOrNothing) {
  EXPECT_EQ(harris_deformity_points({29.9, 9.9, 9.9, 3.19}), 4);
  EXPECT_EQ(harris_deformity_points({30, 0, 0, 0}), 0);
  EXPECT_EQ(harris_deformity_points({0, 10, 0, 0}), 0);
  EXPECT_EQ(harris_deformity_points({0, 0, 10, 0}), 0);
  EXPECT_EQ(harris_deformity_points({0, 0, 0, 3.2}), 0);
}

TEST(InstrumentHarris, BandsAtTheirBoundaries) {
  EXPECT_EQ(harris_band(100), HarrisBand::excellent);
  EXPECT_EQ(harris_band(90), HarrisBand::excellent);
  EXPECT_EQ(harris_band(89.999), HarrisBand::good);
  EXPECT_EQ(harris_band(80), HarrisBand::good);
  EXPECT_EQ(harris_band(79.999), HarrisBand::fair);
  EXPECT_EQ(harris_band(70), HarrisBand::fair);
  EXPECT_EQ(harris_band(69.999), HarrisBand::poor);
  EXPECT_EQ(harris_band(0), HarrisBand::poor);
}

TEST(InstrumentHarris, PerfectHipScores100) {
  const HarrisScore s = score_harris_hip(best());
  EXPECT_EQ(s.pain, 44);
  EXPECT_EQ(s.gait, 33);
  EXPECT_EQ(s.activities, 14);
  EXPECT_EQ(s.deformity_points, 4);
  EXPECT_EQ(s.rom_points, 5.0);
  EXPECT_EQ(s.total, 100.0);
  EXPECT_EQ(s.band, HarrisBand::excellent);
}

TEST(InstrumentHarris, ExactlyNinetyIsExcellent) {
  // Pain slight 40 + gait 33 + activities 14 + deformity 0 (leg length 3.2 cm) + ROM 3
  // (flexion 45 → 45, abduction 15 → 12, adduction 15 → 3: index 60 × 0.05) = 90.
  HarrisAnswers a = best();
  a.pain = "slight";
  a.deformity.leg_length_discrepancy_cm = 3.2;
  a.rom = {.flexion = 45, .abduction = 15, .adduction = 15, .external_rotation = 0};
  const HarrisScore s = score_harris_hip(a);
  EXPECT_EQ(s.rom_points, 3.0);
  EXPECT_EQ(s.deformity_points, 0);
  EXPECT_EQ(s.total, 90.0);
  EXPECT_EQ(s.band, HarrisBand::excellent);
  a.rom.adduction = 14;  // index 59.8 → 2.99 → 89.99
  EXPECT_DOUBLE_EQ(score_harris_hip(a).total, 89.99);
  EXPECT_EQ(score_harris_hip(a).band, HarrisBand::good);
}

TEST(InstrumentHarris, MixedCaseFromAnswers) {
  // Pain 30; gait 8 + 7 + 8 = 23; activities 2 + 2 + 5 + 1 = 10; deformity 4; ROM 4.575.
  const HarrisScore s = score_harris_hip(harris_answers(full_answers()));
  EXPECT_EQ(s.pain, 30);
  EXPECT_EQ(s.gait, 23);
  EXPECT_EQ(s.activities, 10);
  EXPECT_EQ(s.deformity_points, 4);
  EXPECT_DOUBLE_EQ(s.rom_points, 4.575);
  EXPECT_DOUBLE_EQ(s.total, 71.575);
  EXPECT_EQ(s.band, HarrisBand::fair);
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

TEST(InstrumentHarris, RejectsBadValuesNamingTheItem) {
  auto with = [](const char* item, AnswerValue v) {
    Answers a;
    for (const auto& [id, value] : full_answers()) a.set(id, id == item ? v : value);
    return a;
  };
  EXPECT_EQ(error_field([&] { harris_answers(with("limp", std::string("a_bit"))); }), "limp");
  EXPECT_EQ(error_field([&] { harris_answers(with("pain", 3.0)); }), "pain");
  EXPECT_EQ(error_field([&] { harris_answers(with("rom.flexion", std::string("90"))); }), "rom.flexion");
  EXPECT_EQ(error_field([&] { harris_answers(with("rom.flexion", -5.0)); }), "rom.flexion");
  EXPECT_EQ(error_field([&] { harris_answers(with("rom.flexion", 90.5)); }), "rom.flexion");
  EXPECT_EQ(error_field([&] { harris_answers(with("deformity.leg_length_discrepancy_cm", -1.0)); }),
            "deformity.leg_length_discrepancy_cm");
  Answers extra = full_answers();
  extra.set("rom.extension", 10.0);
  EXPECT_EQ(error_field([&] { harris_answers(extra); }), "rom.extension");
}

}  // namespace
}  // namespace rp::instruments
