#include "domain/outcomes/score_codes.hpp"

#include <bit>

namespace rp::outcomes {

namespace {
constexpr std::size_t kFirstSlots = 256;           // a power of two; kept at most half full
constexpr std::size_t kMaxValues = kSpilledScore;  // codes 0 (NaN) .. 0xFFFE

}  // namespace

ScoreTable::ScoreTable()
    : values_{std::numeric_limits<double>::quiet_NaN()}, slot_bits_(kFirstSlots), slot_code_(kFirstSlots) {}

ScoreCode ScoreTable::add(double v, std::uint64_t bits) {
  if (values_.size() >= kMaxValues) return kSpilledScore;
  const auto code = static_cast<ScoreCode>(values_.size());
  values_.push_back(v);
  if (values_.size() * 2 > slot_code_.size())
    grow();  // places every value again, this one with them
  else
    place(bits, code);
  return code;
}

void ScoreTable::place(std::uint64_t bits, ScoreCode code) {
  const std::size_t mask = slot_code_.size() - 1;
  std::size_t s = slot_of(bits, mask);
  while (slot_code_[s] != kMissingScore) s = (s + 1) & mask;
  slot_bits_[s] = bits;
  slot_code_[s] = code;
}

void ScoreTable::grow() {
  const std::size_t slots = slot_code_.size() * 2;
  slot_bits_.assign(slots, 0);
  slot_code_.assign(slots, kMissingScore);
  for (std::size_t c = 1; c < values_.size(); ++c)
    place(std::bit_cast<std::uint64_t>(values_[c]), static_cast<ScoreCode>(c));
}

std::vector<double> ScoreColumn::to_vector() const {
  std::vector<double> out(size_);
  for (std::size_t i = 0; i < size_; ++i) out[i] = (*this)[i];
  return out;
}

}  // namespace rp::outcomes
