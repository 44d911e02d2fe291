// Fuzzes the insurance rules' reader (domain/cost/insurance.hpp): any text either parses
// into insurers whose every estimate shares a price exactly (the payers' shares and the
// patient's sum to the total, none below zero) or throws InputError naming "insurance".
// Nothing else may escape.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/cost/insurance.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rp::cost;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto rules = InsuranceRules::parse(text);
    std::vector<PriceLine> lines;
    std::int64_t rials = 123'457;
    for (PriceItem item : all_price_items()) lines.push_back({item, rp::Money::rials(rials *= 7)});
    std::vector<Cover> cover;
    for (const auto& i : rules.insurers()) cover.push_back({&i, 12});
    const Estimate e = estimate(lines, cover);
    rp::Money sum = e.patient;
    for (const auto& p : e.payers) {
      if (p.amount < rp::Money()) __builtin_trap();
      sum = sum + p.amount;
    }
    if (sum != e.total) __builtin_trap();
  } catch (const rp::InputError& e) {
    if (e.field() != "insurance") __builtin_trap();
  }
  return 0;
}
