#include "domain/deidentification.hpp"

#include <algorithm>

namespace rp {

int age_in_years(const CivilDate& birth, const CivilDate& on) {
  int years = on.year() - birth.year();
  // Not yet this year's birthday: one year fewer.
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --years;
  return std::max(years, 0);
}

std::string five_year_age_band(const CivilDate& birth, const CivilDate& on) {
  const int age = age_in_years(birth, on);
  if (age >= 90) return "90+";
  const int low = age / 5 * 5;
  return std::to_string(low) + "-" + std::to_string(low + 4);
}

CivilDate shifted(const CivilDate& date, int shift_days) {
  return CivilDate::from_days(date.days_since_epoch() + shift_days);
}

}  // namespace rp
