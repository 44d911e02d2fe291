// A client's UTC instant: written back as Clock::now_iso writes one (so that instants order
// as text), with seconds and fractions optional; anything not plainly UTC is refused.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "base/utc_instant.hpp"

namespace rp {
namespace {

std::string utc_instant_code(std::string_view text) {
  try {
    parse_utc_instant(text, "at");
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "at");
    return e.code();
  }
  return "";
}

TEST(UtcInstant, IsWrittenAsTheClockWritesInstants) {
  EXPECT_EQ(parse_utc_instant("2026-03-20T08:30Z", "at").iso, "2026-03-20T08:30:00.000Z");
  EXPECT_EQ(parse_utc_instant("2026-03-20T08:30:05Z", "at").iso, "2026-03-20T08:30:05.000Z");
  EXPECT_EQ(parse_utc_instant("2026-03-20T08:30:05.5Z", "at").iso, "2026-03-20T08:30:05.500Z");
  EXPECT_EQ(parse_utc_instant("2026-03-20T08:30:05.123999Z", "at").iso, "2026-03-20T08:30:05.123Z");
  EXPECT_EQ(parse_utc_instant("1970-01-01T00:00:01Z", "at").ms, 1000);
  EXPECT_EQ(parse_utc_instant("2024-02-29T23:59:59.999Z", "at").ms, 1709251199999);
}

TEST(UtcInstant, RefusesWhatIsNotPlainlyUtc) {
  for (const char* bad :
       {"", "2026-03-20", "2026-03-20 08:30Z", "2026-03-20T08:30", "2026-03-20T08:30:00+03:30", "2026-03-20T24:00Z",
        "2026-03-20T08:60Z", "2026-03-20T08:30:61Z", "2026-03-20T08:30:00.Z", "2026-03-20T08:30:00.1234567890Z",
        "1899-12-31T23:59Z", "٢٠٢٦-03-20T08:30Z", "2026-03-20T08:30ZZ", "2026/03/20T08:30Z"})
    EXPECT_EQ(utc_instant_code(bad), "utc_instant") << bad;
  EXPECT_EQ(utc_instant_code("2026-02-30T08:30Z"), "not_a_gregorian_day");
}

}  // namespace
}  // namespace rp
