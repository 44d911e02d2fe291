#pragma once
// A patient as the clinic registers them. Pure data and validation rules.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/civil_date.hpp"

namespace rp {

enum class Sex { female, male, other, unknown };
std::string_view to_string(Sex s);
Sex parse_sex(std::string_view text, std::string_view field = "sex");

// The language a patient reads: their messages and their calendar feed are written in
// it. Persian unless the clinic records otherwise.
enum class Language { fa, en };
std::string_view to_string(Language l);
Language parse_language(std::string_view text, std::string_view field = "language");

// How a patient's reminders and invitations reach them: text messages to their mobile,
// or e-mail. Text messages unless the clinic records otherwise; a patient without an
// address on their chosen channel is reached on the other one when they have it.
enum class ContactChannel { sms, email };
std::string_view to_string(ContactChannel c);
ContactChannel parse_contact_channel(std::string_view text, std::string_view field = "preferred_channel");

struct Consent {
  bool treatment = false;
  bool registry = false;  // de-identified use in the multi-centre registry
  bool contact = false;   // reminders and invitations, by text message or e-mail
};

struct Patient {
  std::int64_t id = 0;
  std::string centre_id;
  std::string mrn;  // medical record number, unique within the centre
  std::string name_fa;
  std::string name_latin;
  Sex sex = Sex::unknown;
  CivilDate birth_date;
  std::string mobile;       // normalised +989XXXXXXXXX
  std::string national_id;  // 10 digits, check digit valid
  Consent consent;
  Language language = Language::fa;
  std::string email;  // normalised (trimmed, domain in lower case); empty: none recorded
  ContactChannel preferred_channel = ContactChannel::sms;
};

// Iranian national id (code melli): 10 digits with a mod-11 check digit. Accepts
// Persian/Arabic digits and separators; returns the 10 ASCII digits or throws InputError.
std::string normalise_national_id(std::string_view text, std::string_view field = "national_id");
bool national_id_check_digit_ok(std::string_view ten_digits);
// The check digit that completes nine digits into a national id.
char national_id_check_digit(std::string_view nine_digits);

// Iranian mobile number in any usual form (09…, 9…, +989…, 00989…, with spaces or
// dashes, any digits) → "+989XXXXXXXXX". Throws InputError.
std::string normalise_mobile(std::string_view text, std::string_view field = "mobile");

// Validates and normalises every field; throws InputError naming the first bad one.
void validate_patient(Patient& p, const CivilDate& today);

}  // namespace rp
