#include "domain/instruments/hoos.hpp"

#include <string>

#include "base/error.hpp"
#include "domain/instruments/item_rules.hpp"

namespace rp::instruments {
namespace {

struct Range {
  std::size_t first, count;
};
constexpr Range kSymptoms{0, 5}, kPain{5, 10}, kAdl{15, 17}, kSport{32, 4}, kQol{36, 4};

std::span<const std::optional<int>> slice(const HoosResponses& r, Range range) {
  return std::span<const std::optional<int>>(r).subspan(range.first, range.count);
}

}  // namespace

std::optional<std::size_t> hoos_item_index(std::string_view id) {
  for (std::size_t i = 0; i < kHoosItemIds.size(); ++i) {
    if (kHoosItemIds[i] == id) return i;
  }
  return std::nullopt;
}

HoosResponses hoos_responses(const Answers& answers, std::string_view instrument_key) {
  reject_unknown_items(answers, kHoosItemIds, instrument_key);
  return likert_items(answers, kHoosItemIds, 0, 4);
}

std::optional<double> hoos_subscale_score(std::span<const std::optional<int>> items) {
  int answered = 0;
  int sum = 0;
  for (const auto& item : items) {
    if (!item) continue;
    if (*item < 0 || *item > 4)
      throw InputError("item", "hoos_item_out_of_range"_err, {{"value", std::to_string(*item)}});
    ++answered;
    sum += *item;
  }
  // "At least half": 5 of 10, 3 of 5, 9 of 17, 2 of 4.
  if (answered == 0 || 2 * answered < static_cast<int>(items.size())) return std::nullopt;
  // 100 − (sum / n) × 25 written over one integer numerator, so the only rounding
  // is the final division (50.0 stays exactly 50.0).
  return static_cast<double>(100 * answered - 25 * sum) / answered;
}

HoosScores score_hoos(const HoosResponses& r) {
  return HoosScores{
      .symptoms = hoos_subscale_score(slice(r, kSymptoms)),
      .pain = hoos_subscale_score(slice(r, kPain)),
      .adl = hoos_subscale_score(slice(r, kAdl)),
      .sport = hoos_subscale_score(slice(r, kSport)),
      .qol = hoos_subscale_score(slice(r, kQol)),
  };
}

}  // namespace rp::instruments
