#pragma once
// The rules of the de-identified export that need no store: a patient's age told only as
// a five-year band at the (true) date of an event, and a date moved by the patient's
// random shift, so that intervals within a patient are kept while calendar dates are not.
#include <string>

#include "base/civil_date.hpp"

namespace rp {

// Whole years completed on `on` by someone born on `birth`: the birthday itself counts
// (born 2000-03-01, 25 on 2025-03-01); born on 29 February, a year is completed on
// 1 March in a common year. Negative ages (an event before birth) are 0.
int age_in_years(const CivilDate& birth, const CivilDate& on);

// The five-year band of that age: "45-49" (0-4, 5-9, ...); 90 and over are one band,
// "90+", since so few patients are that old that a finer band could name them.
std::string five_year_age_band(const CivilDate& birth, const CivilDate& on);

// `date` moved by `shift_days` (either way).
CivilDate shifted(const CivilDate& date, int shift_days);

}  // namespace rp
