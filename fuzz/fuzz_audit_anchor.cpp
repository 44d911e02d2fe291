// Fuzzes the audit anchor file's reader (store/audit_anchor_file.hpp, the line parser of
// store/audit_anchor.hpp) and the audit row's record content parser: any text gives
// anchors and defects, never a crash; every line accepted is exactly the line its anchor
// writes back and verifies with the trusted key; every line is either an anchor or a
// defect; parsed content writes back to content that parses to the same records.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <tuple>

#include "store/audit_anchor.hpp"
#include "store/audit_anchor_file.hpp"
#include "store/record_content.hpp"

namespace {

// The corpus's signed lines are signed with this seed (all bytes 1).
const rp::store::SigningKey& trusted() {
  static const rp::store::SigningKey key = [] {
    std::array<unsigned char, 32> seed{};
    seed.fill(1);
    return rp::store::signing_key_from_seed(seed);
  }();
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string key = trusted().public_key_hex();
  const rp::store::AnchorFile f = rp::store::check_anchor_text(text, key);
  const std::size_t lines = text.empty() ? 0
                                         : static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                                               (text.back() == '\n' ? 0 : 1);
  if (f.anchors.size() + f.defects.size() != lines) __builtin_trap();
  for (const auto& a : f.anchors) {
    if (!rp::store::anchor_signed_by(a.anchor, key)) __builtin_trap();
    const auto again = rp::store::parse_anchor_line(rp::store::anchor_line(a.anchor));
    if (!again || !(*again == a.anchor)) __builtin_trap();
  }
  for (const auto& d : f.defects) {
    if (d.why.empty() || d.line == 0 || d.line > lines) __builtin_trap();
  }
  // The same bytes as one line: a line accepted is exactly what its anchor writes back.
  if (const auto one = rp::store::parse_anchor_line(text)) {
    if (rp::store::anchor_line(*one) != text) __builtin_trap();
  }
  if (const auto records = rp::store::parse_content(text)) {
    const auto back = rp::store::parse_content(rp::store::format_content(*records));
    if (!back || back->size() != records->size()) __builtin_trap();
    auto sorted = *records;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return std::tie(a.kind, a.id) < std::tie(b.kind, b.id); });
    if (!(*back == sorted)) __builtin_trap();
  }
  return 0;
}
