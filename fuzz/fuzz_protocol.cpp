// Fuzzes the protocol-file loader: any text either parses into a protocol whose schedule
// can be derived, or throws InputError naming the key. Nothing else may escape.
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "domain/schedule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::Protocol p = rp::parse_protocol(text, "fuzz.yaml");
    rp::Anchors anchors;
    for (const auto& [name, label] : p.anchors) anchors[name] = rp::CivilDate::from_ymd(2026, 12, 1);
    const auto items = rp::derive_schedule(p, anchors);
    for (const auto& item : items) {
      if (item.end < item.start) __builtin_trap();
    }
  } catch (const rp::InputError&) {
  }
  return 0;
}
