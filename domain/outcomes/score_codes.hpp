#pragma once
// A measure's scores as 2-byte codes into a table of the distinct values it took.
//
// Why: the report's score columns held every time point of every measure as a double for
// every joint, 320 MB at a million joints and most of the report's memory. A measure's
// scores take few distinct values (sums of item answers over the items answered), so each
// value is kept once, bit for bit, and a column holds a code per row: the same doubles in
// a quarter of the memory. Values beyond the table's 65,534 codes are kept by row
// (spilled), so any input is still held exactly.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace rp::outcomes {

using ScoreCode = std::uint16_t;
inline constexpr ScoreCode kMissingScore = 0;       // not answered or not scorable: NaN
inline constexpr ScoreCode kSpilledScore = 0xFFFF;  // the value is in the column's spill

class ScoreTable {
 public:
  ScoreTable();
  // The code of `v`, adding it when new; kMissingScore for NaN, kSpilledScore when the
  // table is full and `v` is not in it.
  ScoreCode code_of(double v) {
    // Inline: a report codes tens of millions of scores, nearly all found at once.
    if (v != v) return kMissingScore;
    const auto bits = std::bit_cast<std::uint64_t>(v);
    const std::size_t mask = slot_code_.size() - 1;
    for (std::size_t s = slot_of(bits, mask);; s = (s + 1) & mask) {
      if (slot_code_[s] == kMissingScore) return add(v, bits);
      if (slot_bits_[s] == bits) return slot_code_[s];
    }
  }
  const double* values() const { return values_.data(); }

 private:
  static std::size_t slot_of(std::uint64_t bits, std::size_t mask) {
    // Fibonacci hashing: the multiply spreads near values (1.0, 1.25, ...) across slots.
    return static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
  }
  ScoreCode add(double v, std::uint64_t bits);     // a value not in the table yet
  void place(std::uint64_t bits, ScoreCode code);  // into the first empty slot from its own
  void grow();
  std::vector<double> values_;  // values_[0] is NaN
  // Open addressing on the value's bits: a report sets tens of millions of scores, and
  // this lookup is most of what a set costs.
  std::vector<std::uint64_t> slot_bits_;
  std::vector<ScoreCode> slot_code_;  // kMissingScore: an empty slot
};

// Values that did not fit their measure's table, by (time point, row).
using SpilledScores = std::unordered_map<std::uint64_t, double>;
inline std::uint64_t spill_key(int tp, std::size_t row) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(tp)) << 40) | row;
}

// One measure at one time point, read as doubles: what `value[i]` was when the column
// was a vector of them. A view of the columns as filled: setting a score after taking it
// may move what it points at (the analytics read columns that are no longer written).
class ScoreColumn {
 public:
  ScoreColumn(const ScoreCode* codes, std::size_t size, const double* values, const SpilledScores* spilled, int tp)
      : codes_(codes), size_(size), values_(values), spilled_(spilled), tp_(tp) {}
  double operator[](std::size_t i) const {
    const ScoreCode c = codes_[i];
    return c != kSpilledScore ? values_[c] : spilled_->at(spill_key(tp_, i));
  }
  std::size_t size() const { return size_; }
  std::vector<double> to_vector() const;

 private:
  const ScoreCode* codes_;
  std::size_t size_;
  const double* values_;
  const SpilledScores* spilled_;
  int tp_;
};

}  // namespace rp::outcomes
