// Fuzzes the date parsers (Gregorian and Jalali, any digits and separators) and the
// twin-field reader the API uses (field / field_jalali, the Jalali-year refusal): each
// must either return a real date that round-trips or throw InputError. The input is
// split at its first NUL: the Gregorian twin before it, the Jalali twin after (absent
// when there is no NUL), so both-given and one-given are reached.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date_input.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::CivilDate g = rp::parse_gregorian(text);
    if (rp::parse_gregorian(g.iso()) != g) __builtin_trap();
  } catch (const rp::InputError&) {
  }
  try {
    const rp::CivilDate g = rp::parse_jalali(text);
    if (rp::parse_jalali(rp::to_jalali(g).iso()) != g) __builtin_trap();
  } catch (const rp::InputError&) {
  }
  const auto nul = text.find('\0');
  const std::optional<std::string> gregorian(std::string(text.substr(0, nul)));
  const std::optional<std::string> jalali =
      nul == std::string_view::npos ? std::nullopt : std::optional<std::string>(std::string(text.substr(nul + 1)));
  for (const bool with_gregorian : {true, false}) {
    try {
      const auto d = rp::date_from_twins(with_gregorian ? gregorian : std::nullopt, jalali, "on");
      if (!d) {
        if (with_gregorian || jalali) __builtin_trap();  // something given, nothing read
        continue;
      }
      if (with_gregorian && jalali) __builtin_trap();  // both given must be refused
      // A date read from a field is one of that field's calendar, outside the other's years.
      if (with_gregorian && (rp::has_jalali_year(d->year()) || rp::parse_gregorian(d->iso()) != *d)) __builtin_trap();
      if (!with_gregorian && (rp::has_gregorian_year(rp::to_jalali(*d).y) ||
                              rp::from_jalali(rp::to_jalali(*d).y, rp::to_jalali(*d).m, rp::to_jalali(*d).d) != *d))
        __builtin_trap();
    } catch (const rp::InputError& e) {
      if (e.field() != "on" && e.field() != "on_jalali") __builtin_trap();
    }
  }
  return 0;
}
