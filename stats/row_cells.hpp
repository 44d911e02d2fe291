#pragma once
// Identical observations collapsed into weighted cells. A registry's case-mix models see a
// million patients but a few hundred covariate patterns (age band, KL grade, cell source),
// and every sum a logistic or Cox fit takes over observations is the same sum over cells,
// each term times the cell's count: fitting on cells gives the same estimates (to the
// rounding of a different summation order) in time proportional to the patterns.
#include <cstddef>
#include <span>
#include <vector>

namespace rp::stats {

struct RowCells {
  std::size_t width = 0;             // values per row: the columns given
  std::vector<double> values;        // cells x width, row-major, in order of first appearance
  std::vector<double> count;         // observations in each cell
  std::vector<std::size_t> cell_of;  // each observation's cell
  std::size_t size() const { return count.size(); }
  const double* row(std::size_t cell) const { return &values[cell * width]; }
};

// Observation i is (columns[0][i], columns[1][i], ...); every column holds `n` values.
// Values are compared bit for bit (the callers' are finite, checked before).
RowCells collapse_rows(const std::vector<std::span<const double>>& columns, std::size_t n);

}  // namespace rp::stats
