#include <gtest/gtest.h>

#include "base/error.hpp"
#include "domain/patient.hpp"

namespace rp {
namespace {

TEST(NationalId, CheckDigitRule) {
  // 001354241: sum of digit * (10 - position) = 101, 101 % 11 = 2, check = 11 - 2 = 9.
  EXPECT_TRUE(national_id_check_digit_ok("0013542419"));
  EXPECT_FALSE(national_id_check_digit_ok("0013542418"));
  // Remainder below 2: the check digit equals the remainder. 000000006: sum 12, r = 1.
  EXPECT_TRUE(national_id_check_digit_ok("0000000061"));
  EXPECT_FALSE(national_id_check_digit_ok("0000000060"));
  // 000000019: sum 1*3 + 9*2 = 21, r = 10, check = 1.
  EXPECT_TRUE(national_id_check_digit_ok("0000000191"));
}

TEST(NationalId, NormalisesScriptsAndSeparators) {
  EXPECT_EQ(normalise_national_id("001-354241-9"), "0013542419");
  EXPECT_EQ(normalise_national_id("۰۰۱۳۵۴۲۴۱۹"), "0013542419");
  EXPECT_THROW(normalise_national_id("001354241"), InputError);   // 9 digits
  EXPECT_THROW(normalise_national_id("0013542418"), InputError);  // wrong check digit
  EXPECT_THROW(normalise_national_id("1111111111"), InputError);  // all equal
  EXPECT_THROW(normalise_national_id("00135x2419"), InputError);
}

TEST(Mobile, EveryUsualFormBecomesE164) {
  for (const char* in : {"09123456789", "0912 345 6789", "+989123456789", "00989123456789", "989123456789",
                         "9123456789", "۰۹۱۲۳۴۵۶۷۸۹", "0912-345-6789"}) {
    EXPECT_EQ(normalise_mobile(in), "+989123456789") << in;
  }
  for (const char* bad : {"02188776655", "+4479111222", "0912345678", "091234567890", "phone"}) {
    EXPECT_THROW(normalise_mobile(bad), InputError) << bad;
  }
}

TEST(Patient, ValidationNamesTheField) {
  const CivilDate today = CivilDate::from_ymd(2026, 11, 24);
  Patient p;
  p.centre_id = "c";
  p.mrn = "M1";
  p.name_latin = "Ali";
  p.birth_date = CivilDate::from_ymd(1960, 1, 1);
  p.mobile = "09123456789";
  EXPECT_NO_THROW(validate_patient(p, today));
  EXPECT_EQ(p.mobile, "+989123456789");
  auto field_of = [&](Patient q) {
    try {
      validate_patient(q, today);
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  Patient q = p;
  q.mrn = " ";
  EXPECT_EQ(field_of(q), "mrn");
  q = p;
  q.name_latin = "";
  EXPECT_EQ(field_of(q), "name_fa");
  q = p;
  q.birth_date = CivilDate::from_ymd(2027, 1, 1);
  EXPECT_EQ(field_of(q), "birth_date");
  q = p;
  q.national_id = "123";
  EXPECT_EQ(field_of(q), "national_id");
}

}  // namespace
}  // namespace rp
