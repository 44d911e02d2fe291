// A centre's licence standing and the booking rule (domain/centre_licence.hpp): in force
// through its last valid day and expired the day after, a suspension stopping bookings at
// once, pending and unknown left to the registry; and the directory fields' rules.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "domain/centre_licence.hpp"

namespace rp {
namespace {

Centre licensed_until(const char* last_day) {
  Centre c;
  c.id = "tehran-1";
  c.licence_status = "licensed";
  c.licence_expires = parse_gregorian(last_day);
  return c;
}

std::string field_refused(Centre c) {
  try {
    validate_centre_directory(c);
  } catch (const InputError& e) {
    return e.field() + " " + e.code();
  }
  return "accepted";
}

TEST(CentreLicence, InForceThroughItsLastDayAndExpiredTheDayAfter) {
  const Centre c = licensed_until("2027-03-20");
  EXPECT_EQ(licence_standing(c, parse_gregorian("2027-03-20")), LicenceStanding::in_force);
  EXPECT_EQ(licence_standing(c, parse_gregorian("2027-03-21")), LicenceStanding::expired);
  EXPECT_TRUE(may_book(c, parse_gregorian("2027-03-20")));
  EXPECT_FALSE(may_book(c, parse_gregorian("2027-03-21")));
  try {
    check_may_book(c, parse_gregorian("2027-04-01"), "injection");
    FAIL() << "an injection after the licence's last day was booked";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.field(), "injection");
    EXPECT_EQ(e.code(), "centre_licence_expires_before");
  }
}

TEST(CentreLicence, SuspensionStopsBookingsWhateverTheExpiry) {
  Centre c = licensed_until("2030-01-01");
  c.licence_status = "suspended";
  EXPECT_EQ(licence_standing(c, parse_gregorian("2027-01-01")), LicenceStanding::suspended);
  EXPECT_FALSE(may_book(c, parse_gregorian("2027-01-01")));
  EXPECT_THROW(check_may_book(c, parse_gregorian("2027-01-01"), "harvest"), ConflictError);
}

TEST(CentreLicence, PendingAndUnknownAreTheRegistrysToDecide) {
  Centre c;
  c.licence_status = "pending";
  EXPECT_EQ(licence_standing(c, parse_gregorian("2027-01-01")), LicenceStanding::pending);
  EXPECT_TRUE(may_book(c, parse_gregorian("2027-01-01")));
  c.licence_status = "unknown";
  EXPECT_EQ(standing_name(licence_standing(c, parse_gregorian("2027-01-01"))), "unknown");
  EXPECT_NO_THROW(check_may_book(c, parse_gregorian("2027-01-01"), "harvest"));
  // An expiry is the licence's last day whatever the status says.
  c.licence_expires = parse_gregorian("2026-12-31");
  EXPECT_FALSE(may_book(c, parse_gregorian("2027-01-01")));
}

TEST(CentreDirectory, ServicesAreKnownCodesInTheDirectorysOrder) {
  Centre c;
  c.services = {"fluoroscopy", "bone_marrow", "fluoroscopy", "adipose"};
  validate_centre_directory(c);
  EXPECT_EQ(c.services, (std::vector<std::string>{"bone_marrow", "adipose", "fluoroscopy"}));
  c.services = {"bone_marrow", "stem_cell_tourism"};
  EXPECT_EQ(field_refused(c), "services unknown_centre_service");
}

TEST(CentreDirectory, AListOfServicesSplitsAtCommasTrimmed) {
  EXPECT_EQ(services_from_list(" ultrasound, bone_marrow ,,adipose "),
            (std::vector<std::string>{"ultrasound", "bone_marrow", "adipose"}));
  EXPECT_TRUE(services_from_list("").empty());
  EXPECT_TRUE(services_from_list(" , ").empty());
}

TEST(CentreDirectory, MapLinksAreHttpsAndAddressesOneClearLine) {
  Centre c;
  c.map_url = "https://www.openstreetmap.org/?mlat=35.7&mlon=51.4";
  EXPECT_EQ(field_refused(c), "accepted");
  for (const char* bad : {"http://maps.example/x", "javascript:alert(1)", "https://", "https://a b", "https://a\"b"}) {
    c.map_url = bad;
    EXPECT_EQ(field_refused(c), "map_url map_url_not_https") << bad;
  }
  c.map_url.clear();
  c.address_fa = "تهران، خیابان\u202eکارگر";
  EXPECT_EQ(field_refused(c).substr(0, 10), "address_fa");
  c.address_fa = std::string(301, 'a');
  EXPECT_EQ(field_refused(c), "address_fa too_many_bytes");
  c.address_fa = "خیابان کارگر شمالی، پلاک ۱۰";
  c.licence_issuer = "line one\nline two";
  EXPECT_EQ(field_refused(c), "licence_issuer control_characters");
}

}  // namespace
}  // namespace rp
