#include "base/utc_instant.hpp"

#include "base/civil_date.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

// The `n` ASCII digits at `at`, or -1.
int digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

UtcInstant parse_utc_instant(std::string_view s, std::string_view field) {
  const auto bad = [&] { return InputError(std::string(field), "utc_instant"_err); };
  if (s.size() < 17 || s.size() > 40) throw bad();
  const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2), mi = digits(s, 14, 2);
  if (y < 1900 || y > 2999 || mo < 0 || d < 0 || h < 0 || mi < 0 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || h > 23 || mi > 59)
    throw bad();
  std::size_t at = 16;
  int sec = 0, ms = 0;
  if (at < s.size() && s[at] == ':') {
    sec = digits(s, at + 1, 2);
    if (sec < 0 || sec > 59) throw bad();
    at += 3;
    if (at < s.size() && s[at] == '.') {
      std::size_t n = 0;
      for (++at; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at, ++n)
        if (n < 3) ms = ms * 10 + (s[at] - '0');
      if (n == 0 || n > 9) throw bad();
      for (; n < 3; ++n) ms *= 10;
    }
  }
  if (at + 1 != s.size() || s[at] != 'Z') throw bad();
  const CivilDate day = CivilDate::from_ymd(y, mo, d, field);
  UtcInstant out;
  out.ms = ((day.days_since_epoch() * 24 + h) * 60 + mi) * 60000 + sec * 1000 + ms;
  out.iso = Clock::fixed(out.ms).now_iso();
  return out;
}

}  // namespace rp
