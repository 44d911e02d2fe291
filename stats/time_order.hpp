#pragma once
// Observations put in time order by counting rather than comparing. A registry's times are
// whole days of follow-up, a few thousand distinct values among a million rows: a counting
// sort places them in two passes where a comparison sort takes twenty, and three of the
// outcome report's fits sort the whole registry by time (the survival curves, the Cox
// model's design and its expected events).
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace rp::stats {

// One more than the largest time, when every time is a whole number from 0 up to a bound
// that a table of counts can afford beside the rows (a few times their number); nullopt
// otherwise (a fraction, a negative or an infinite time among them), and the caller sorts.
std::optional<std::size_t> whole_time_range(std::span<const double> time);

// Whether a table of `range` counts is affordable beside `rows` rows.
bool countable(std::size_t range, std::size_t rows);

// The indices 0..n-1 by key(i) ascending, ties in index order (as a stable sort orders
// them), for keys in [0, range).
template <class Key>
std::vector<std::size_t> counting_order(std::size_t n, std::size_t range, Key key) {
  std::vector<std::size_t> next(range + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++next[key(i) + 1];
  for (std::size_t k = 1; k <= range; ++k) next[k] += next[k - 1];
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[next[key(i)]++] = i;
  return order;
}

// Puts `rows` in order of key(row) ascending, ties in their order (keys in [0, range)),
// by counting, when a table of `range` counts is affordable beside them; false (and
// `rows` unchanged) when it is not, and the caller sorts.
template <class Row, class Key>
bool counting_sort(std::vector<Row>& rows, std::size_t range, Key key) {
  if (!countable(range, rows.size())) return false;
  const auto order = counting_order(rows.size(), range, [&](std::size_t i) { return key(rows[i]); });
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (const std::size_t i : order) sorted.push_back(rows[i]);
  rows = std::move(sorted);
  return true;
}

}  // namespace rp::stats
