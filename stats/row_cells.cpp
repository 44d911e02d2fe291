#include "stats/row_cells.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace rp::stats {
namespace {

std::uint64_t hash_row(const std::vector<double>& row) {
  // splitmix64's finaliser over each value's bits: cheap, and well spread for the small
  // integers (levels, days) the rows mostly hold.
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (const double v : row) {
    std::uint64_t z = h ^ std::bit_cast<std::uint64_t>(v);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    h = z ^ (z >> 31);
  }
  return h;
}

// Open addressing over cell numbers (slot 0 = empty, else cell + 1), at most half full.
class CellIndex {
 public:
  explicit CellIndex(RowCells& cells) : cells_(cells), slots_(1024, 0) {}

  std::size_t find_or_add(const std::vector<double>& row) {
    const std::size_t bytes = row.size() * sizeof(double);
    std::size_t at = hash_row(row) & (slots_.size() - 1);
    for (; slots_[at] != 0; at = (at + 1) & (slots_.size() - 1)) {
      const std::size_t cell = slots_[at] - 1;
      if (std::memcmp(cells_.row(cell), row.data(), bytes) == 0) return cell;
    }
    const std::size_t cell = cells_.count.size();
    cells_.values.insert(cells_.values.end(), row.begin(), row.end());
    cells_.count.push_back(0);
    slots_[at] = cell + 1;
    if (2 * cells_.count.size() > slots_.size()) grow();
    return cell;
  }

 private:
  void grow() {
    std::vector<std::size_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    std::vector<double> row(cells_.width);
    for (const std::size_t s : old) {
      if (s == 0) continue;
      std::memcpy(row.data(), cells_.row(s - 1), row.size() * sizeof(double));
      std::size_t at = hash_row(row) & (slots_.size() - 1);
      while (slots_[at] != 0) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = s;
    }
  }

  RowCells& cells_;
  std::vector<std::size_t> slots_;  // a power of two
};

}  // namespace

RowCells collapse_rows(const std::vector<std::span<const double>>& columns, std::size_t n) {
  RowCells cells;
  cells.width = columns.size();
  cells.cell_of.resize(n);
  CellIndex index(cells);
  std::vector<double> row(cells.width);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < cells.width; ++j) row[j] = columns[j][i];
    const std::size_t cell = index.find_or_add(row);
    cells.count[cell] += 1;
    cells.cell_of[i] = cell;
  }
  return cells;
}

}  // namespace rp::stats
