// Fuzzes the reading of an evidence file (domain/evidence/evidence.hpp, the clinic's
// claims/seed-evidence.yaml): any text parses to entries or is refused with an InputError
// naming where; every entry parsed has its required fields, a year in range and n from 1
// when given. Each entry is then checked against a claims file: accepted or refused with
// an InputError naming one of the entry's fields.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/evidence/evidence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rp::ClaimSet claims;
  rp::Claim claim;
  claim.id = "success-75-85";
  claims.claims.push_back(claim);
  static const std::set<std::string> fields{"id",   "claims",     "citation",   "year",  "n",
                                            "link", "finding_en", "finding_fa", "reason"};
  try {
    for (const auto& e : rp::evidence::parse_entries(text, "fuzz.yaml")) {
      if (e.id.empty() || e.protocol.empty() || e.citation.empty() || e.link.empty()) __builtin_trap();
      if (e.year < rp::evidence::kFirstYear || e.year > rp::evidence::kLastYear) __builtin_trap();
      if (e.n && (*e.n < 1 || *e.n > rp::evidence::kMaxPatients)) __builtin_trap();
      try {
        rp::evidence::validate_entry(e, claims);
      } catch (const rp::InputError& err) {
        if (!fields.count(err.field())) __builtin_trap();
      }
    }
  } catch (const rp::InputError&) {
    // Refused, naming the file's line and key.
  }
  return 0;
}
