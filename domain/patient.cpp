#include "domain/patient.hpp"

#include <algorithm>

#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "domain/email_address.hpp"

namespace rp {
namespace {

// Keeps digits (any script, turned ASCII) and drops the separators people type.
std::string digits_only(std::string_view text, std::string_view field, std::string_view allowed_separators) {
  const std::string ascii = ascii_digits(text, field);
  std::string out;
  for (char c : ascii) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (allowed_separators.find(c) == std::string_view::npos) {
      throw InputError(std::string(field), "only_digits_and_separators"_err, {{"found", std::string(1, c)}});
    }
  }
  return out;
}

bool trimmed_empty(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

std::string_view to_string(Sex s) {
  switch (s) {
    case Sex::female:
      return "female";
    case Sex::male:
      return "male";
    case Sex::other:
      return "other";
    case Sex::unknown:
      break;
  }
  return "unknown";
}

Sex parse_sex(std::string_view text, std::string_view field) {
  for (Sex s : {Sex::female, Sex::male, Sex::other, Sex::unknown}) {
    if (text == to_string(s)) return s;
  }
  throw InputError(std::string(field), "unknown_sex"_err);
}

std::string_view to_string(Language l) { return l == Language::en ? "en" : "fa"; }

Language parse_language(std::string_view text, std::string_view field) {
  for (Language l : {Language::fa, Language::en}) {
    if (text == to_string(l)) return l;
  }
  throw InputError(std::string(field), "unknown_language"_err);
}

std::string_view to_string(ContactChannel c) { return c == ContactChannel::email ? "email" : "sms"; }

ContactChannel parse_contact_channel(std::string_view text, std::string_view field) {
  for (ContactChannel c : {ContactChannel::sms, ContactChannel::email}) {
    if (text == to_string(c)) return c;
  }
  throw InputError(std::string(field), "unknown_contact_channel"_err);
}

char national_id_check_digit(std::string_view nine) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nine[i] - '0') * (10 - i);
  const int r = sum % 11;
  return static_cast<char>('0' + (r < 2 ? r : 11 - r));
}

bool national_id_check_digit_ok(std::string_view d) {
  return d.size() == 10 && d[9] == national_id_check_digit(d.substr(0, 9));
}

std::string normalise_national_id(std::string_view text, std::string_view field) {
  std::string d = digits_only(text, field, "- ");
  if (d.size() != 10) throw InputError(std::string(field), "national_id_length"_err);
  // Ten equal digits pass the checksum but are never issued.
  if (std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; })) {
    throw InputError(std::string(field), "national_id_all_equal"_err);
  }
  if (!national_id_check_digit_ok(d)) throw InputError(std::string(field), "national_id_check_digit"_err);
  return d;
}

std::string normalise_mobile(std::string_view text, std::string_view field) {
  std::string t = ascii_digits(text, field);
  const bool plus = !t.empty() && t[0] == '+';
  std::string d = digits_only(plus ? std::string_view(t).substr(1) : std::string_view(t), field, " -()");
  if (d.rfind("0098", 0) == 0) {
    d = d.substr(4);
  } else if (d.rfind("98", 0) == 0 && (plus || d.size() == 12)) {
    d = d.substr(2);
  } else if (plus) {
    throw InputError(std::string(field), "not_an_iranian_number"_err);
  } else if (d.rfind('0', 0) == 0) {
    d = d.substr(1);
  }
  if (d.size() != 10 || d[0] != '9') {
    throw InputError(std::string(field), "not_an_iranian_mobile"_err);
  }
  return "+98" + d;
}

void validate_patient(Patient& p, const CivilDate& today) {
  if (trimmed_empty(p.centre_id)) throw InputError("centre", "required"_err);
  if (trimmed_empty(p.mrn)) throw InputError("mrn", "required"_err);
  // A record number typed in Persian digits is the same number: stored in ASCII digits,
  // so it is unique and found however it is typed.
  p.mrn = ascii_digits(p.mrn, "mrn");
  check_typed_text(p.mrn, "mrn", false);
  if (p.mrn.size() > 32) throw InputError("mrn", "too_many_characters"_err, {{"max", 32}});
  if (trimmed_empty(p.name_fa) && trimmed_empty(p.name_latin)) {
    throw InputError("name_fa", "name_required_without_latin"_err);
  }
  if (p.name_fa.size() > 200) throw InputError("name_fa", "too_many_bytes"_err, {{"max", 200}});
  if (p.name_latin.size() > 200) throw InputError("name_latin", "too_many_bytes"_err, {{"max", 200}});
  // A name shown to staff must read as what it is: a letter at least, nothing invisible
  // and nothing that turns the text around it.
  if (!p.name_fa.empty()) check_name(p.name_fa, "name_fa");
  if (!p.name_latin.empty()) check_name(p.name_latin, "name_latin");
  if (p.birth_date > today) throw InputError("birth_date", "in_the_future"_err);
  if (p.birth_date < today.plus_months(-12 * 120)) throw InputError("birth_date", "older_than_120_years"_err);
  if (!p.mobile.empty()) p.mobile = normalise_mobile(p.mobile);
  if (!p.national_id.empty()) p.national_id = normalise_national_id(p.national_id);
  if (trimmed_empty(p.email)) p.email.clear();
  if (!p.email.empty()) p.email = normalise_email(p.email);
  // E-mail chosen with no address would reach nobody: refused rather than quietly sent
  // by text message. (Text messages are the default, so a patient with an e-mail address
  // and no mobile is reached by e-mail without anyone choosing it.)
  if (p.preferred_channel == ContactChannel::email && p.email.empty())
    throw InputError("preferred_channel", "email_chosen_without_address"_err);
}

}  // namespace rp
