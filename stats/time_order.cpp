#include "stats/time_order.hpp"

#include <algorithm>
#include <cmath>

namespace rp::stats {

bool countable(std::size_t range, std::size_t rows) { return range <= 4 * rows + 65536; }

std::optional<std::size_t> whole_time_range(std::span<const double> time) {
  double largest = 0;
  for (const double t : time) {
    if (!(t >= 0) || t != std::floor(t)) return std::nullopt;  // NaN fails the first
    largest = std::max(largest, t);
  }
  // Compared as a double first: a time beyond any count table is never cast.
  if (!countable(static_cast<std::size_t>(std::min(largest, 1e15)) + 1, time.size())) return std::nullopt;
  return static_cast<std::size_t>(largest) + 1;
}

}  // namespace rp::stats
