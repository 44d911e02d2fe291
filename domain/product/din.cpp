// ISBT 128 DIN parsing and its ISO/IEC 7064 MOD 37-2 check character (domain/product/din.hpp).
#include "domain/product/din.hpp"

#include <cctype>

#include "base/error.hpp"

namespace rp::product {
namespace {

// The MOD 37-2 character set in value order: 0-9 are 0..9, A-Z are 10..35, '*' is 36.
constexpr std::string_view kCheckCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

int character_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }

std::string shown(std::string_view text) { return std::string(text.substr(0, 32)); }

// The text without surrounding blanks (a scanner ends its line with CR or LF), letters in
// upper case: people type "a9999..." as often as "A9999...".
std::string normalised(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

// ISO/IEC 7064 pure system MOD 37-2, computed by the standard's recursive form: for each
// character p = ((p + value) * 2) mod 37, then the check value makes the whole string,
// check included, sum to 1 mod 37: (38 - p) mod 37.
int mod37_2_check_value(std::string_view text) {
  int p = 0;
  for (char c : text) p = ((p + character_value(c)) * 2) % 37;
  return (38 - p) % 37;
}

char check_character(int value) { return kCheckCharacters.at(static_cast<std::size_t>(value)); }

Din Din::parse13(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.size() != kDinLength)
    throw InputError(f, "din_length"_err, {{"length", static_cast<long long>(text.size())}});
  for (char c : text)
    if (!is_upper_alnum(c)) throw InputError(f, "din_character"_err, {{"character", std::string(1, c)}});
  const std::string_view facility = text.substr(0, 5);
  // The facility number's first character is a letter other than O, or a digit 1-9: ICCBBA
  // keeps O and 0 apart by never issuing them there.
  if (facility[0] == 'O' || facility[0] == '0') throw InputError(f, "din_facility"_err, {{"value", shown(facility)}});
  if (!is_digit(text[5]) || !is_digit(text[6]))
    throw InputError(f, "din_year"_err, {{"value", shown(text.substr(5, 2))}});
  for (char c : text.substr(7))
    if (!is_digit(c)) throw InputError(f, "din_sequence"_err, {{"value", shown(text.substr(7))}});
  return Din(std::string(text));
}

Din parse_din(std::string_view raw, std::string_view field) {
  const std::string f(field);
  const std::string text = normalised(raw);
  if (text.empty()) throw InputError(f, "required"_err);
  if (text.front() == '=') {
    // The scanned data structure 001: '=' + 13 DIN characters + 2 flag characters.
    if (text.size() != kDinLength + 3)
      throw InputError(f, "din_length"_err, {{"length", static_cast<long long>(text.size())}});
    const Din din = Din::parse13(std::string_view(text).substr(1, kDinLength), field);
    const std::string flags = text.substr(1 + kDinLength);
    if (!is_digit(flags[0]) || !is_digit(flags[1])) throw InputError(f, "din_flag"_err, {{"flags", shown(flags)}});
    // Flags 60-96 carry the check value (type 3); 00-59 are about the container or label
    // and carry no check, so a scan with them is only as good as its own Code 128 check.
    const int flag = (flags[0] - '0') * 10 + (flags[1] - '0');
    if (flag > 96) throw InputError(f, "din_flag"_err, {{"flags", flags}});
    if (flag >= 60 && flags != din.flag())
      throw InputError(f, "din_flag_mismatch"_err, {{"flags", flags}, {"expected", din.flag()}});
    return din;
  }
  if (text.size() != kDinLength && text.size() != kDinLength + 1)
    throw InputError(f, "din_length"_err, {{"length", static_cast<long long>(text.size())}});
  const Din din = Din::parse13(std::string_view(text).substr(0, kDinLength), field);
  if (text.size() == kDinLength + 1 && text.back() != din.check())
    throw InputError(f, "din_check_character"_err,
                     {{"given", std::string(1, text.back())}, {"expected", std::string(1, din.check())}});
  return din;
}

Din make_din(std::string_view facility, std::string_view year, long long sequence) {
  std::string fac = normalised(facility);
  if (fac.size() != 5) throw InputError("facility", "din_facility"_err, {{"value", shown(fac)}});
  std::string yy(year);
  if (yy.size() == 1) yy = "0" + yy;
  if (yy.size() != 2 || !is_digit(yy[0]) || !is_digit(yy[1]))
    throw InputError("year", "din_year"_err, {{"value", shown(year)}});
  if (sequence < 0 || sequence > 999999)
    throw InputError("seq", "din_sequence_range"_err, {{"value", static_cast<long long>(sequence)}});
  std::string seq = std::to_string(sequence);
  seq.insert(0, 6 - seq.size(), '0');
  try {
    return Din::parse13(fac + yy + seq, "facility");
  } catch (const InputError& e) {
    // Year and sequence are checked above: what is left is the facility's characters.
    if (e.field() == "facility" && e.code() != "din_facility")
      throw InputError("facility", "din_facility"_err, {{"value", shown(fac)}});
    throw;
  }
}

std::string parse_facility(std::string_view text, std::string_view field) {
  try {
    return std::string(make_din(text, "00", 0).facility());
  } catch (const InputError&) {
    throw InputError(std::string(field), "din_facility"_err, {{"value", shown(normalised(text))}});
  }
}

}  // namespace rp::product
