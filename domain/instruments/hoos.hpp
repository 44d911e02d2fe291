#pragma once
// HOOS 2.0 (Hip disability and Osteoarthritis Outcome Score): 40 items scored 0–4
// (0 = no problem, no item is reversed), five subscales transformed to 0–100 where
// 100 = no problems. No aggregate total: the scoring guide discourages one.
// Missing items follow the 2013 rule: a subscale is scored from the mean of its
// answered items when at least half its items are answered, otherwise it is null.
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "domain/instruments/answers.hpp"

namespace rp::instruments {

inline constexpr std::array<std::string_view, 40> kHoosItemIds{
    "S1",  "S2",  "S3",  "S4",  "S5",                                                // symptoms
    "P1",  "P2",  "P3",  "P4",  "P5",  "P6", "P7", "P8", "P9", "P10",                // pain
    "A1",  "A2",  "A3",  "A4",  "A5",  "A6", "A7", "A8", "A9", "A10", "A11", "A12",  // ADL ...
    "A13", "A14", "A15", "A16", "A17",                                               // ... ADL
    "SP1", "SP2", "SP3", "SP4",                                                      // sport/recreation
    "Q1",  "Q2",  "Q3",  "Q4",                                                       // quality of life
};

// Responses in kHoosItemIds order; each 0–4 or missing.
using HoosResponses = std::array<std::optional<int>, 40>;

struct HoosScores {
  std::optional<double> symptoms, pain, adl, sport, qol;
};

// Position of a HOOS item id in kHoosItemIds, or nullopt.
std::optional<std::size_t> hoos_item_index(std::string_view id);

// Validates HOOS answers (unknown ids and values outside 0–4 throw InputError naming the
// item). `instrument_key` names the instrument in messages (hoos, hoos-jr, ...).
HoosResponses hoos_responses(const Answers& answers, std::string_view instrument_key = "hoos");

// One subscale: 100 − mean × 25 over the answered items; null when fewer than half
// of the items are answered (2013 rule). Items must be 0–4.
std::optional<double> hoos_subscale_score(std::span<const std::optional<int>> items);

HoosScores score_hoos(const HoosResponses& responses);

}  // namespace rp::instruments
