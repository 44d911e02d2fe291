// Fuzzes the reading of an education page's body (domain/education/page.hpp): any text
// splits into blocks or is refused as bad_page_embed naming the field; no text block is
// empty or holds an embed's braces with a claim id, every figure block names a well-formed
// claim id, and the percentages found are finite and never negative. The whole page's
// check refuses or accepts, naming one of the page's fields.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/education/page.hpp"

namespace {

bool claim_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

void blocks(std::string_view text) {
  try {
    for (const auto& b : rp::education::blocks_of(text, "body_en")) {
      if (b.text.empty() == b.claim_id.empty()) __builtin_trap();  // exactly one of the two
      if (!b.claim_id.empty() && !claim_id(b.claim_id)) __builtin_trap();
      if (!b.text.empty() && (b.text.find("{{") != std::string::npos || b.text.front() == ' ')) __builtin_trap();
    }
  } catch (const rp::InputError& e) {
    if (e.field() != "body_en" || e.code() != "bad_page_embed") __builtin_trap();
  }
}

void percentages(std::string_view text) {
  try {
    for (const double p : rp::education::percentages_in(text))
      if (!std::isfinite(p) || p < 0) __builtin_trap();
  } catch (const rp::InputError&) {
    // Text that is no UTF-8.
  }
}

void page(std::string_view text) {
  rp::education::Page p;
  p.slug = "fuzz";
  p.title = {"Title", "عنوان"};
  p.body = {std::string(text), "متن"};
  rp::Claim claim;
  claim.id = "success-75-85";
  claim.words = {"between 75 and 85 %", "بین ۷۵ تا ۸۵ درصد"};
  claim.low = 0.75;
  claim.high = 0.85;
  rp::ClaimSet claims;
  claims.claims.push_back(claim);
  try {
    rp::education::validate_page(p, claims);
  } catch (const rp::InputError& e) {
    if (e.field() != "body_en") __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  blocks(text);
  percentages(text);
  page(text);
  return 0;
}
