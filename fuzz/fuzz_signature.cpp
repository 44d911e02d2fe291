// Fuzzes the reading of a drawn signature (domain/consent/signing.hpp parse_strokes, the
// text the portal sends): any text is strokes of finite-or-not numbers or is refused as
// malformed or too long, naming the signature; what is read is within the limits and
// writes back to text that reads the same strokes; a signing with them is accepted or
// refused naming the signature (never another field, never a crash).
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/consent/signing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<rp::consent::Stroke> strokes;
  try {
    strokes = rp::consent::parse_strokes(text, "signature");
  } catch (const rp::InputError& e) {
    if (e.field() != "signature") __builtin_trap();
    return 0;
  }
  std::size_t points = 0;
  for (const auto& s : strokes) points += s.size();
  if (strokes.size() > rp::consent::kMaxStrokes || points > rp::consent::kMaxPoints) __builtin_trap();
  rp::consent::Document document;
  rp::consent::Signing signing{{}, "Maryam Rezaei", strokes};
  try {
    rp::consent::validate_signing(document, signing);
  } catch (const rp::InputError& e) {
    if (e.field() != "signature") __builtin_trap();
    return 0;
  }
  // Accepted: inside the pad, so the stored text reads back to as many strokes and points.
  const auto back = rp::consent::parse_strokes(rp::consent::strokes_text(strokes), "signature");
  if (back.size() != strokes.size()) __builtin_trap();
  for (std::size_t i = 0; i < back.size(); ++i)
    if (back[i].size() != strokes[i].size()) __builtin_trap();
  return 0;
}
