#include "stats/row_cells.hpp"

#include <gtest/gtest.h>

#include <random>
#include <span>
#include <vector>

#include "base/error.hpp"
#include "stats/cox.hpp"
#include "stats/cox_expected.hpp"
#include "stats/logistic.hpp"

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

// Dummy covariates of two factors, an outcome and follow-up: what the registry's case-mix
// models are fitted on.
struct Dummies {
  std::vector<double> a1, a2, b1, time;
  std::vector<int> outcome, event;
  std::vector<std::span<const double>> columns() const { return {a1, a2, b1}; }
};

Dummies dummies() {
  Dummies d;
  std::mt19937 rng(15);
  for (int i = 0; i < 3000; ++i) {
    const int a = static_cast<int>(rng() % 3), b = static_cast<int>(rng() % 2);
    d.a1.push_back(a == 1);
    d.a2.push_back(a == 2);
    d.b1.push_back(b);
    d.outcome.push_back(static_cast<int>(rng() % 100) < 30 + 10 * a - 8 * b);
    d.time.push_back(static_cast<double>(1 + rng() % (200 - 40 * a)));
    d.event.push_back(static_cast<int>(rng() % 3) != 0);
  }
  return d;
}

// The models fitted on cells the caller made give the column forms' figures bit for bit.
TEST(RowCells, FitsOnTheCallersCellsEqualTheColumnFormsExactly) {
  const Dummies d = dummies();
  const auto columns = d.columns();
  const LogisticFit by_columns = logistic_regression(d.outcome, columns);
  std::vector<double> outcome(d.outcome.begin(), d.outcome.end());
  std::vector<std::span<const double>> with_outcome{outcome};
  with_outcome.insert(with_outcome.end(), columns.begin(), columns.end());
  const LogisticFit by_cells = logistic_regression(collapse_rows(with_outcome, outcome.size()));
  EXPECT_EQ(by_cells.coef, by_columns.coef);
  EXPECT_EQ(by_cells.var, by_columns.var);
  EXPECT_EQ(by_cells.fitted, by_columns.fitted);
  EXPECT_EQ(by_cells.deviance, by_columns.deviance);

  const CoxFit cox_columns = cox_ph(d.time, d.event, columns);
  const RowCells patterns = collapse_rows(columns, d.time.size());
  const CoxFit cox_patterns = cox_ph(d.time, d.event, patterns);
  EXPECT_TRUE(cox_columns.converged);
  EXPECT_EQ(cox_patterns.coef, cox_columns.coef);
  EXPECT_EQ(cox_patterns.var, cox_columns.var);
  EXPECT_EQ(cox_patterns.loglik, cox_columns.loglik);
  EXPECT_EQ(cox_expected_events(d.time, d.event, patterns, cox_patterns),
            cox_expected_events(d.time, d.event, columns, cox_columns));
}

TEST(RowCells, FitsRefuseCellsThatAreNotObservations) {
  const Dummies d = dummies();
  RowCells patterns = collapse_rows(d.columns(), d.time.size());
  patterns.cell_of[5] = patterns.size();  // no such pattern
  EXPECT_THROW(cox_ph(d.time, d.event, patterns), InputError);
  RowCells cells = collapse_rows(d.columns(), d.time.size());  // no outcome first: 0/1 dummies pass
  cells.values[0] = 2;                                         // an outcome that is not 0 or 1
  EXPECT_THROW(logistic_regression(cells), InputError);
}

}  // namespace
}  // namespace rp::stats
