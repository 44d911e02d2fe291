#pragma once
// The ISBT 128 Donation Identification Number (DIN) that names a cell product from harvest
// to injection: a facility identification number (5 characters), the two-digit year and a
// six-digit sequence, 13 characters, with the ISO/IEC 7064 MOD 37-2 check character that
// is printed boxed after it so a typed DIN can be checked. Every DIN typed or scanned goes
// through parse_din, which refuses any slip with an InputError naming the field.
#include <optional>
#include <string>
#include <string_view>

namespace rp::product {

inline constexpr std::size_t kDinLength = 13;

// ISO/IEC 7064 MOD 37-2 over 0-9, A-Z and '*' (values 0..36): the check value 0..36 of
// `text`, whose characters must each be a digit or an upper-case letter.
int mod37_2_check_value(std::string_view text);
// The character for a check value 0..36: '0'-'9', 'A'-'Z', '*'.
char check_character(int value);

// A well-formed DIN (13 characters, check-free).
class Din {
 public:
  // Throws InputError(field) naming the part that is wrong.
  static Din parse13(std::string_view text, std::string_view field = "din");

  const std::string& text() const { return text_; }  // 13 characters
  std::string_view facility() const { return std::string_view(text_).substr(0, 5); }
  std::string_view year() const { return std::string_view(text_).substr(5, 2); }
  std::string_view sequence() const { return std::string_view(text_).substr(7, 6); }
  int check_value() const { return mod37_2_check_value(text_); }
  char check() const { return check_character(check_value()); }
  // The ISBT 128 type-3 flag: 60 + the check value, two digits ("60".."96").
  std::string flag() const { return std::to_string(60 + check_value()); }
  // The 14 characters people type and read: the DIN and its check character.
  std::string with_check() const { return text_ + check(); }
  // The Code 128 data content: data identifier '=', the DIN and the type-3 flag.
  std::string scan_data() const { return "=" + text_ + flag(); }

  bool operator==(const Din&) const = default;

 private:
  explicit Din(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

// Reads a DIN as typed or scanned: the 13 characters, optionally followed by the check
// character (14), or the scanned ISBT 128 data structure '=' + DIN + 2 flag characters
// (16). Surrounding blanks and a scanner's line ending are dropped and letters read as
// upper case. A check character or a type-3 flag that disagrees with the DIN is refused,
// naming the one expected: a misread or mistyped DIN never names another product.
Din parse_din(std::string_view text, std::string_view field = "din");

// A new DIN from its parts: facility (5 characters), year (two digits, "26" or 26) and the
// sequence number (0..999999). Throws InputError naming `facility`, `year` or `seq`.
Din make_din(std::string_view facility, std::string_view year, long long sequence);

// A facility identification number as an admin types it (blanks dropped, letters read as
// upper case): 5 letters or digits, the first not O or 0. Throws InputError(field, din_facility).
std::string parse_facility(std::string_view text, std::string_view field = "facility");

}  // namespace rp::product
