#include "stats/row_cells.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rp::stats {
namespace {

TEST(RowCells, IdenticalRowsShareACellCountedAndMappedBack) {
  const std::vector<double> a{1, 2, 1, 1, 2, 0.5};
  const std::vector<double> b{0, 0, 0, 1, 0, 0};
  const RowCells cells = collapse_rows({a, b}, a.size());
  ASSERT_EQ(cells.size(), 4u);  // (1,0) x2, (2,0) x2, (1,1), (0.5,0)
  EXPECT_EQ(cells.width, 2u);
  EXPECT_EQ(cells.count, (std::vector<double>{2, 2, 1, 1}));
  EXPECT_EQ(cells.cell_of, (std::vector<std::size_t>{0, 1, 0, 2, 1, 3}));
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(cells.row(cells.cell_of[i])[0], a[i]);
    EXPECT_EQ(cells.row(cells.cell_of[i])[1], b[i]);
  }
}

TEST(RowCells, ManyDistinctRowsEachTheirOwnCellAsTheIndexGrows) {
  std::vector<double> a, b;
  for (int i = 0; i < 5000; ++i) {
    a.push_back(i % 2500);  // each row twice
    b.push_back(i % 2500 == 7 ? -1.0 : 3.0);
  }
  const RowCells cells = collapse_rows({a, b}, a.size());
  ASSERT_EQ(cells.size(), 2500u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(cells.cell_of[i], i % 2500);
    EXPECT_EQ(cells.count[cells.cell_of[i]], 2.0);
  }
}

}  // namespace
}  // namespace rp::stats
