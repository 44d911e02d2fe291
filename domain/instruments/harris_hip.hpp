#pragma once
// Harris Hip Score (Harris 1969), completed by the clinician, 0–100, higher = better:
// pain 44, gait 33 (limp 11, support 11, distance 11), activities 14 (stairs 4,
// shoes and socks 4, sitting 5, public transport 1), absence of deformity 4,
// range of motion 5.
//
// Deformity: sources disagree (4 points only when all four criteria hold, versus 1 point
// per criterion). We use all-or-nothing, as the widely used Harris form does and as the
// project brief requires. Criteria: fixed flexion < 30°, fixed ADduction < 10° (one
// public implementation says abduction; two sources say adduction), fixed internal
// rotation in extension < 10°, leg-length discrepancy < 3.2 cm.
//
// Range of motion by the original 1969 index: degrees in each band times a factor,
// summed, times 0.05, capped at 5 (the bands can reach 100.5 × 0.05 = 5.025).
// Not the simplified summed-degree table some calculators use: the two disagree and
// must never be mixed in one dataset.
//
// All items are required: a partial Harris score is not a Harris score.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/instruments/answers.hpp"

namespace rp::instruments {

// Answer ids; grouped measurements are dotted, matching the nested FHIR linkIds.
inline constexpr std::array<std::string_view, 17> kHarrisItemIds{
    "pain",
    "limp",
    "support",
    "distance",
    "stairs",
    "shoes_socks",
    "sitting",
    "public_transport",
    "deformity.fixed_flexion_deg",
    "deformity.fixed_adduction_deg",
    "deformity.fixed_internal_rotation_deg",
    "deformity.leg_length_discrepancy_cm",
    "rom.flexion",
    "rom.abduction",
    "rom.adduction",
    "rom.external_rotation",
    "rom.internal_rotation",
};

// Degrees measured with a goniometer, whole numbers.
struct HarrisRom {
  int flexion = 0, abduction = 0, adduction = 0, external_rotation = 0, internal_rotation = 0;
};

struct HarrisDeformity {
  double fixed_flexion_deg = 0, fixed_adduction_deg = 0, fixed_internal_rotation_deg = 0, leg_length_discrepancy_cm = 0;
};

// Option codes as in the CLI and API (pain: none|slight|mild|moderate|marked|disabled, ...).
struct HarrisAnswers {
  std::string pain, limp, support, distance, stairs, shoes_socks, sitting, public_transport;
  HarrisDeformity deformity;
  HarrisRom rom;
};

enum class HarrisBand { excellent, good, fair, poor };
std::string_view harris_band_name(HarrisBand band);

struct HarrisScore {
  int pain = 0, gait = 0, activities = 0, deformity_points = 0;
  double rom_points = 0;  // 0–5, multiples of 0.005
  double total = 0;       // 0–100
  HarrisBand band = HarrisBand::poor;
};

// Validates and reads Harris answers; throws InputError naming the item.
HarrisAnswers harris_answers(const Answers& answers);

// Points of one option, e.g. harris_option_points("limp", "slight") == 8.
// Throws InputError(item) for an unknown item or code.
int harris_option_points(std::string_view item, std::string_view code);

// The 1969 index in tenths of a point (exact integer arithmetic), 0–1005.
int harris_rom_index_tenths(const HarrisRom& rom);
double harris_rom_points(const HarrisRom& rom);
int harris_deformity_points(const HarrisDeformity& deformity);
// Excellent ≥ 90, good ≥ 80, fair ≥ 70, poor < 70 (a total of 89.6 is good).
HarrisBand harris_band(double total);

HarrisScore score_harris_hip(const HarrisAnswers& answers);

}  // namespace rp::instruments
