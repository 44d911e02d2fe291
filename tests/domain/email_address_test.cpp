// A patient's e-mail address and the way their messages go (domain/email_address.hpp,
// domain/messaging/route.hpp).
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "domain/email_address.hpp"
#include "domain/messaging/route.hpp"
#include "domain/patient.hpp"

namespace rp {
namespace {

std::string reason_of(std::string_view text) {
  try {
    normalise_email(text);
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "email");
    return e.code();
  }
  return "accepted";
}

TEST(EmailAddress, TrimmedWithTheDomainInLowerCase) {
  EXPECT_EQ(normalise_email("  Nasrin.Ahmadi+hip@Example.IR \t"), "Nasrin.Ahmadi+hip@example.ir");
  EXPECT_EQ(normalise_email("a@b.co"), "a@b.co");
  EXPECT_EQ(normalise_email("o'neil_x-y@mail.xn--mgba3a4f16a.ir"), "o'neil_x-y@mail.xn--mgba3a4f16a.ir");
  EXPECT_EQ(normalise_email(std::string(64, 'a') + "@" + std::string(63, 'b') + ".ir"),
            std::string(64, 'a') + "@" + std::string(63, 'b') + ".ir");
}

TEST(EmailAddress, AnythingThatCouldSplitAHeaderOrACommandIsRefused) {
  for (const char* bad : {"",
                          "nasrin",
                          "@example.ir",
                          "nasrin@",
                          "nasrin@example",
                          "a@@example.ir",
                          "a@b@example.ir",
                          "a b@example.ir",
                          "a@exa mple.ir",
                          "a@example.ir\r\nBcc: x@y.ir",
                          "a@example.ir>",
                          "<a@example.ir>",
                          "\"a b\"@example.ir",
                          "a..b@example.ir",
                          ".a@example.ir",
                          "a.@example.ir",
                          "a@-example.ir",
                          "a@example-.ir",
                          "a@example..ir",
                          "a@example.ir.",
                          "a@ex_ample.ir",
                          "نسرین@example.ir",
                          "a@مثال.ir",
                          "a@[127.0.0.1]",
                          "a(comment)@example.ir",
                          "a,b@example.ir",
                          "a;b@example.ir"})
    EXPECT_EQ(reason_of(bad), "email_format") << bad;
  EXPECT_EQ(reason_of(std::string(65, 'a') + "@example.ir"), "email_format");  // local part over 64
  EXPECT_EQ(reason_of("a@" + std::string(64, 'b') + ".ir"), "email_format");   // a label over 63
  EXPECT_EQ(reason_of("a@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(63, 'd') + "." +
                      std::string(63, 'e') + ".ir"),
            "too_many_bytes");  // the whole over 254
}

Patient reachable(std::string mobile, std::string email, ContactChannel preferred) {
  Patient p;
  p.consent.contact = true;
  p.mobile = std::move(mobile);
  p.email = std::move(email);
  p.preferred_channel = preferred;
  return p;
}

TEST(MessageRoute, ThePreferredChannelWhenItHasAnAddressElseTheOther) {
  using messaging::route_for;
  const auto by_sms = route_for(reachable("+989121112233", "a@example.ir", ContactChannel::sms));
  ASSERT_TRUE(by_sms);
  EXPECT_EQ(by_sms->channel, ContactChannel::sms);
  EXPECT_EQ(by_sms->address, "+989121112233");
  const auto by_email = route_for(reachable("+989121112233", "a@example.ir", ContactChannel::email));
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->channel, ContactChannel::email);
  EXPECT_EQ(by_email->address, "a@example.ir");
  // Text messages preferred (the default) but no mobile: the e-mail address.
  const auto only_email = route_for(reachable("", "a@example.ir", ContactChannel::sms));
  ASSERT_TRUE(only_email);
  EXPECT_EQ(only_email->channel, ContactChannel::email);
  EXPECT_FALSE(route_for(reachable("", "", ContactChannel::sms)));
  Patient withdrawn = reachable("+989121112233", "a@example.ir", ContactChannel::email);
  withdrawn.consent.contact = false;
  EXPECT_FALSE(route_for(withdrawn));
  EXPECT_EQ(messaging::channel_named("email"), ContactChannel::email);
  EXPECT_EQ(messaging::channel_named("log"), ContactChannel::sms);  // the demo's text messages of earlier releases
}

TEST(PatientEmail, ValidatedWithThePatientAndEmailChosenNeedsAnAddress) {
  const CivilDate today = CivilDate::from_ymd(2026, 12, 5);
  Patient p;
  p.centre_id = "c";
  p.mrn = "M1";
  p.name_latin = "Nasrin";
  p.birth_date = CivilDate::from_ymd(1960, 1, 1);
  p.email = " Nasrin@Example.IR ";
  p.preferred_channel = ContactChannel::email;
  validate_patient(p, today);
  EXPECT_EQ(p.email, "Nasrin@example.ir");
  Patient blank = p;
  blank.email = "  ";
  blank.preferred_channel = ContactChannel::sms;
  validate_patient(blank, today);
  EXPECT_EQ(blank.email, "");
  blank.preferred_channel = ContactChannel::email;
  try {
    validate_patient(blank, today);
    ADD_FAILURE() << "e-mail chosen with no address";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "preferred_channel");
    EXPECT_EQ(e.code(), "email_chosen_without_address");
  }
  Patient bad = p;
  bad.email = "nasrin at example.ir";
  EXPECT_THROW(validate_patient(bad, today), InputError);
  EXPECT_EQ(parse_contact_channel("email"), ContactChannel::email);
  EXPECT_THROW(parse_contact_channel("fax"), InputError);
}

}  // namespace
}  // namespace rp
