// Fuzzes the claims-file parser: any text either parses into claims whose ranges are
// proportions with low <= high (or into a not-testable claim with its note), or throws
// InputError naming the key. Nothing else may
// escape, and judging a parsed claim never fails.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "domain/claims.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::ClaimSet set = rp::parse_claims(text, "fuzz.yaml");
    for (const rp::Claim& c : set.claims) {
      if (c.metric == rp::ClaimMetric::not_testable) {
        // Words and a note only, judged as such whatever is measured.
        if (c.note.en.empty() || rp::judge(c, {}).verdict != rp::Verdict::not_testable) __builtin_trap();
        continue;
      }
      if (!(c.low >= 0 && c.low <= c.high && c.high <= 1) || c.min_n < 1) __builtin_trap();
      rp::ClaimMeasurement m;
      m.n = c.min_n;
      m.estimate = m.lower = m.upper = 0.5;
      m.worst_estimate = m.worst_lower = m.worst_upper = NAN;
      m.longest_follow_up_days = c.min_follow_up_days;
      if (rp::judge(c, m).verdict == rp::Verdict::insufficient_data) __builtin_trap();
    }
  } catch (const rp::InputError&) {
  }
  return 0;
}
