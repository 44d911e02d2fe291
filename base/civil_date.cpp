#include "base/civil_date.hpp"

#include <charconv>
#include <vector>

#include "base/digits.hpp"
#include "base/error.hpp"

namespace rp {
namespace chr = std::chrono;

CivilDate CivilDate::from_ymd(int y, int m, int d, std::string_view field) {
  chr::year_month_day ymd{chr::year{y}, chr::month{unsigned(m)}, chr::day{unsigned(d)}};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || !ymd.ok()) {
    throw InputError(std::string(field), "not_a_gregorian_day"_err,
                     {{"value", std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d)}});
  }
  return CivilDate(ymd);
}

CivilDate CivilDate::from_days(std::int64_t days) {
  return CivilDate(chr::year_month_day{chr::sys_days{chr::days{days}}});
}

std::int64_t CivilDate::days_since_epoch() const { return chr::sys_days{ymd_}.time_since_epoch().count(); }

unsigned CivilDate::weekday() const { return chr::weekday{chr::sys_days{ymd_}}.c_encoding(); }

CivilDate CivilDate::plus_days(std::int64_t n) const { return from_days(days_since_epoch() + n); }

CivilDate CivilDate::plus_months(int n) const {
  chr::year_month_day shifted = ymd_ + chr::months{n};
  if (!shifted.ok()) {
    shifted = chr::year_month_day{chr::year_month_day_last{shifted.year(), chr::month_day_last{shifted.month()}}};
  }
  return CivilDate(shifted);
}

std::string CivilDate::iso() const {
  const int y = year();
  if (y < 0 || y > 9999) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, month(), day());
    return buf;
  }
  // Digits written directly: snprintf's format parsing showed in the timeline read's
  // profile, which names the day of every rendering it keeps.
  std::string out = "0000-00-00";
  const auto put = [&out](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, y, 4);
  put(5, static_cast<int>(month()), 2);
  put(8, static_cast<int>(day()), 2);
  return out;
}

DateParts parse_date_parts(std::string_view text, std::string_view field) {
  const std::string ascii = ascii_digits(text, field);
  auto bad = [&](const std::string& why) {
    return InputError(std::string(field), "not_a_date"_err, {{"value", std::string(text)}, {"detail", why}});
  };
  std::vector<int> parts;
  char sep = 0;
  std::size_t i = 0;
  while (i <= ascii.size()) {
    std::size_t j = i;
    while (j < ascii.size() && ascii[j] >= '0' && ascii[j] <= '9') ++j;
    if (j == i) throw bad("expected YYYY-MM-DD or YYYY/MM/DD");
    if (j - i > 4) throw bad("too many digits");
    int v = 0;
    std::from_chars(ascii.data() + i, ascii.data() + j, v);
    parts.push_back(v);
    if (j == ascii.size()) break;
    const char c = ascii[j];
    if (c != '-' && c != '/') throw bad("separators must be '-' or '/'");
    if (sep && c != sep) throw bad("mixed separators");
    sep = c;
    i = j + 1;
  }
  if (parts.size() != 3) throw bad("expected year, month and day");
  return {parts[0], parts[1], parts[2]};
}

CivilDate parse_gregorian(std::string_view text, std::string_view field) {
  const DateParts p = parse_date_parts(text, field);
  return CivilDate::from_ymd(p.y, p.m, p.d, field);
}

}  // namespace rp
