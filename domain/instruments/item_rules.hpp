#pragma once
// Validation of single answers. Every rule failure throws InputError whose field is
// the item id and whose message states the rule, so a clinic form can point at the box.
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "domain/instruments/answers.hpp"

namespace rp::instruments {

// Throws InputError(item) for the first answered item not in `known`.
void reject_unknown_items(const Answers& answers, std::span<const std::string_view> known,
                          std::string_view instrument_key);

// A whole number in [min, max], or nullopt when not answered.
std::optional<int> integer_item(const Answers& answers, std::string_view item, int min, int max);
// Any finite number in [min, max], or nullopt when not answered.
std::optional<double> number_item(const Answers& answers, std::string_view item, double min, double max);
// A code string, or nullopt when not answered (the caller checks the code list).
std::optional<std::string_view> code_item(const Answers& answers, std::string_view item);

// Likert items in the order of `ids`, each a whole number in [min, max] or missing.
template <std::size_t N>
std::array<std::optional<int>, N> likert_items(const Answers& answers, const std::array<std::string_view, N>& ids,
                                               int min, int max) {
  std::array<std::optional<int>, N> out;
  for (std::size_t i = 0; i < N; ++i) out[i] = integer_item(answers, ids[i], min, max);
  return out;
}

}  // namespace rp::instruments
