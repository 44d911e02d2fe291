#include "domain/instruments/harris_hip.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "base/error.hpp"
#include "domain/instruments/item_rules.hpp"

namespace rp::instruments {
namespace {

struct Option {
  std::string_view code;
  int points;
};

struct OptionItem {
  std::string_view item;
  std::span<const Option> options;
};

constexpr std::array<Option, 6> kPainGrades{
    {{"none", 44}, {"slight", 40}, {"mild", 30}, {"moderate", 20}, {"marked", 10}, {"disabled", 0}}};
constexpr std::array<Option, 4> kLimp{{{"none", 11}, {"slight", 8}, {"moderate", 5}, {"severe", 0}}};
constexpr std::array<Option, 6> kSupport{{{"none", 11},
                                          {"cane_long_walks", 7},
                                          {"cane_most_time", 5},
                                          {"one_crutch", 3},
                                          {"two_canes", 2},
                                          {"two_crutches_or_unable", 0}}};
constexpr std::array<Option, 5> kDistance{
    {{"unlimited", 11}, {"six_blocks", 8}, {"two_three_blocks", 5}, {"indoors_only", 2}, {"bed_chair", 0}}};
constexpr std::array<Option, 4> kStairs{
    {{"normal_no_railing", 4}, {"normal_with_railing", 2}, {"any_manner", 1}, {"unable", 0}}};
constexpr std::array<Option, 3> kShoesSocks{{{"with_ease", 4}, {"with_difficulty", 2}, {"unable", 0}}};
constexpr std::array<Option, 3> kSitting{{{"ordinary_chair_1h", 5}, {"high_chair_30min", 3}, {"unable", 0}}};
constexpr std::array<Option, 2> kPublicTransport{{{"able", 1}, {"unable", 0}}};

constexpr std::array<OptionItem, 8> kOptionItems{{
    {"pain", kPainGrades},
    {"limp", kLimp},
    {"support", kSupport},
    {"distance", kDistance},
    {"stairs", kStairs},
    {"shoes_socks", kShoesSocks},
    {"sitting", kSitting},
    {"public_transport", kPublicTransport},
}};

std::string s(std::string_view v) { return std::string(v); }

[[noreturn]] void missing(std::string_view item) {
  throw InputError(s(item), "harris_item_missing"_err, {{"item", s(item)}});
}

std::string required_code(const Answers& answers, std::string_view item) {
  const auto code = code_item(answers, item);
  if (!code) missing(item);
  harris_option_points(item, *code);  // validates the code
  return s(*code);
}

int required_degrees(const Answers& answers, std::string_view item) {
  const auto v = integer_item(answers, item, 0, 180);
  if (!v) missing(item);
  return *v;
}

double required_number(const Answers& answers, std::string_view item, double max) {
  const auto v = number_item(answers, item, 0, max);
  if (!v) missing(item);
  return *v;
}

// Validates one item if it was answered (throws InputError naming it); silent if absent.
void check_if_answered(const Answers& answers, std::string_view item) {
  if (item.starts_with("rom.")) {
    integer_item(answers, item, 0, 180);
  } else if (item == "deformity.leg_length_discrepancy_cm") {
    number_item(answers, item, 0, 30);
  } else if (item.starts_with("deformity.")) {
    number_item(answers, item, 0, 180);
  } else if (const auto code = code_item(answers, item)) {
    harris_option_points(item, *code);
  }
}

// Degrees of `deg` that fall in the band [lo, hi).
int in_band(int deg, int lo, int hi) { return std::clamp(deg, lo, hi) - lo; }

}  // namespace

std::string_view harris_band_name(HarrisBand band) {
  switch (band) {
    case HarrisBand::excellent:
      return "excellent";
    case HarrisBand::good:
      return "good";
    case HarrisBand::fair:
      return "fair";
    case HarrisBand::poor:
      return "poor";
  }
  return "poor";
}

int harris_option_points(std::string_view item, std::string_view code) {
  for (const auto& oi : kOptionItems) {
    if (oi.item != item) continue;
    std::string allowed;
    for (const auto& o : oi.options) {
      if (o.code == code) return o.points;
      allowed += (allowed.empty() ? "" : "|") + s(o.code);
    }
    throw InputError(s(item), "item_answer_invalid"_err,
                     {{"item", s(item)}, {"rule", "one of " + allowed + ", got '" + s(code) + "'"}});
  }
  throw InputError(s(item), "unknown_harris_item"_err, {{"item", s(item)}});
}

HarrisAnswers harris_answers(const Answers& answers) {
  reject_unknown_items(answers, kHarrisItemIds, "harris-hip");
  // Report a wrong answer where it is before complaining about gaps in a half-filled form.
  for (std::string_view item : kHarrisItemIds) check_if_answered(answers, item);
  HarrisAnswers h;
  h.pain = required_code(answers, "pain");
  h.limp = required_code(answers, "limp");
  h.support = required_code(answers, "support");
  h.distance = required_code(answers, "distance");
  h.stairs = required_code(answers, "stairs");
  h.shoes_socks = required_code(answers, "shoes_socks");
  h.sitting = required_code(answers, "sitting");
  h.public_transport = required_code(answers, "public_transport");
  h.deformity.fixed_flexion_deg = required_number(answers, "deformity.fixed_flexion_deg", 180);
  h.deformity.fixed_adduction_deg = required_number(answers, "deformity.fixed_adduction_deg", 180);
  h.deformity.fixed_internal_rotation_deg = required_number(answers, "deformity.fixed_internal_rotation_deg", 180);
  // An absolute difference between the legs; 30 cm bounds typing errors, not anatomy.
  h.deformity.leg_length_discrepancy_cm = required_number(answers, "deformity.leg_length_discrepancy_cm", 30);
  h.rom.flexion = required_degrees(answers, "rom.flexion");
  h.rom.abduction = required_degrees(answers, "rom.abduction");
  h.rom.adduction = required_degrees(answers, "rom.adduction");
  h.rom.external_rotation = required_degrees(answers, "rom.external_rotation");
  h.rom.internal_rotation = required_degrees(answers, "rom.internal_rotation");
  return h;
}

int harris_rom_index_tenths(const HarrisRom& rom) {
  // Factors ×10 so the index stays an exact integer: flexion 0–45° ×1.0, 45–90° ×0.6,
  // 90–110° ×0.3; abduction 0–15° ×0.8, 15–20° ×0.3; external rotation 0–15° ×0.4;
  // adduction 0–15° ×0.2; internal rotation ×0 (it carries no points in the 1969 method).
  return 10 * in_band(rom.flexion, 0, 45) + 6 * in_band(rom.flexion, 45, 90) + 3 * in_band(rom.flexion, 90, 110) +
         8 * in_band(rom.abduction, 0, 15) + 3 * in_band(rom.abduction, 15, 20) +
         4 * in_band(rom.external_rotation, 0, 15) + 2 * in_band(rom.adduction, 0, 15);
}

namespace {
// ROM points in thousandths: index × 0.05 = index_tenths × 5 / 1000, capped at 5.000.
int rom_points_thousandths(const HarrisRom& rom) { return std::min(harris_rom_index_tenths(rom) * 5, 5000); }
}  // namespace

double harris_rom_points(const HarrisRom& rom) { return rom_points_thousandths(rom) / 1000.0; }

int harris_deformity_points(const HarrisDeformity& d) {
  const bool none = d.fixed_flexion_deg < 30 && d.fixed_adduction_deg < 10 && d.fixed_internal_rotation_deg < 10 &&
                    d.leg_length_discrepancy_cm < 3.2;
  return none ? 4 : 0;
}

HarrisBand harris_band(double total) {
  if (total >= 90) return HarrisBand::excellent;
  if (total >= 80) return HarrisBand::good;
  if (total >= 70) return HarrisBand::fair;
  return HarrisBand::poor;
}

HarrisScore score_harris_hip(const HarrisAnswers& a) {
  HarrisScore out;
  out.pain = harris_option_points("pain", a.pain);
  out.gait = harris_option_points("limp", a.limp) + harris_option_points("support", a.support) +
             harris_option_points("distance", a.distance);
  out.activities = harris_option_points("stairs", a.stairs) + harris_option_points("shoes_socks", a.shoes_socks) +
                   harris_option_points("sitting", a.sitting) +
                   harris_option_points("public_transport", a.public_transport);
  out.deformity_points = harris_deformity_points(a.deformity);
  const int rom_th = rom_points_thousandths(a.rom);
  out.rom_points = rom_th / 1000.0;
  // Whole points and ROM thousandths added as integers: one rounding, in the division.
  const int whole = out.pain + out.gait + out.activities + out.deformity_points;
  out.total = (whole * 1000 + rom_th) / 1000.0;
  out.band = harris_band(out.total);
  return out;
}

}  // namespace rp::instruments
