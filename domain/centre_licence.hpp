#pragma once
// A centre's standing as patients are told to check it (issue 19): its licence in force,
// expired, suspended, pending or unknown on a day, whether it may book a new harvest or
// injection then, and the rules for the directory fields its admin sets.
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/centre.hpp"

namespace rp {

// The services a centre may list, in the order the directory shows them: where cells are
// harvested, whether its laboratory expands them, and how it guides an injection.
inline constexpr std::string_view kCentreServices[] = {"bone_marrow", "adipose", "expansion_lab", "ultrasound",
                                                       "fluoroscopy"};

// Services written as a list ("bone_marrow, ultrasound"): split at commas, each trimmed of
// spaces, empty ones dropped; not checked (validate_centre_directory checks them). The
// store's column and the command line's option are written so.
std::vector<std::string> services_from_list(std::string_view text);

enum class LicenceStanding { in_force, expired, suspended, pending, unknown };
std::string_view standing_name(LicenceStanding s);

// "licensed" with no expiry, or one not before `on`, is in force; "licensed" past its
// expiry is expired; the other statuses stand as they are.
LicenceStanding licence_standing(const Centre& c, CivilDate on);

// Whether a centre books a new harvest or injection for `day` (the rule below).
bool may_book(const Centre& c, CivilDate day);

// A centre books a new harvest or injection for a day only when its licence is not
// suspended and has not expired by that day. Refuses naming `field` (harvest or
// injection) otherwise; a pending or unknown licence is the registry's to decide and does
// not stop the pathway.
void check_may_book(const Centre& c, CivilDate day, std::string_view field);

// The directory fields as the admin sent them: services known and put in kCentreServices'
// order without repeats, a map link https and printable, addresses and the issuer
// printable text within their lengths. Throws InputError naming the field.
void validate_centre_directory(Centre& c);

}  // namespace rp
