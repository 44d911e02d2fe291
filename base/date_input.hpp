#pragma once
// Dates as a person gives them. A field takes a Gregorian date (ISO, 2026-03-20); its
// twin, the same name with "_jalali" (birth_date_jalali), takes the same day in the
// Jalali calendar (1404/12/29). Both take Latin, Persian or Arabic-Indic digits and '-'
// or '/'. The answers name dates the same way (birth_date, birth_date_jalali).
#include <optional>
#include <string>
#include <string_view>

#include "base/civil_date.hpp"

namespace rp {

inline constexpr std::string_view kJalaliTwinSuffix = "_jalali";

// The years of a Jalali date in use (1300-1499: 1921-2121 in Gregorian). Read as a
// Gregorian year, such a date would move a plan six centuries, so it is refused.
bool has_jalali_year(int year);
// The years of a Gregorian date in use (1900-2199), refused in a Jalali field for the
// same reason.
bool has_gregorian_year(int year);

// A Gregorian date typed into `field`. Throws InputError(field) for text that is not a
// real date, and for a year that is Jalali: the message says the Jalali twin takes it
// (`jalali_twin`, or no hint when the field has none).
CivilDate parse_gregorian_input(std::string_view text, std::string_view field, std::string_view jalali_twin = {});
// A Jalali date typed into `jalali_field`; refuses a Gregorian year the same way,
// naming `gregorian_field` as the place for it.
CivilDate parse_jalali_input(std::string_view text, std::string_view jalali_field, std::string_view gregorian_field);

// The day given in either twin of `field`: nullopt when neither is given; both given is
// refused (they could disagree).
std::optional<CivilDate> date_from_twins(const std::optional<std::string>& gregorian,
                                         const std::optional<std::string>& jalali, std::string_view field);

}  // namespace rp
