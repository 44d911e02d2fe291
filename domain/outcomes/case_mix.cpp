// The case-mix facts the store derives for each treated joint (columns.hpp).
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "domain/episode.hpp"
#include "domain/outcomes/columns.hpp"

namespace rp::outcomes {
namespace {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

// Year, month and day of an ISO date's first ten characters; false for anything else.
bool parse_iso(std::string_view s, Ymd& out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  auto digits = [s](std::size_t from, std::size_t count, int& v) {
    v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  return digits(0, 4, out.y) && digits(5, 2, out.m) && digits(8, 2, out.d) && out.m >= 1 && out.m <= 12 && out.d >= 1 &&
         out.d <= 31;
}

}  // namespace

std::int8_t age_band_of(std::string_view birth, std::string_view on) {
  Ymd b, o;
  if (!parse_iso(birth, b) || !parse_iso(on, o)) return EpisodeColumns::kUnknown;
  // Whole years: one fewer until the birthday comes round in the year of `on`.
  int age = o.y - b.y;
  if (o.m < b.m || (o.m == b.m && o.d < b.d)) --age;
  if (age < 0 || age >= 5 * 127) return EpisodeColumns::kUnknown;
  return static_cast<std::int8_t>(age / 5);
}

std::int8_t cell_source_index(std::string_view stored) {
  try {
    return static_cast<std::int8_t>(parse_cell_source(stored));
  } catch (const InputError&) {
    return EpisodeColumns::kUnknown;  // a name this build does not know: unknown, not dropped
  }
}

}  // namespace rp::outcomes
