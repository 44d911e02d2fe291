#include "base/search_fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace rp {
namespace {

const icu::Normalizer2& normalizer(const icu::Normalizer2* (*get)(UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = get(status);
  // ICU's normalisation data is part of the library: failing here means a broken install.
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU normalizer unavailable");
  return *n;
}

const icu::Normalizer2* nfkc_casefold(UErrorCode& s) { return icu::Normalizer2::getNFKCCasefoldInstance(s); }
const icu::Normalizer2* nfd(UErrorCode& s) { return icu::Normalizer2::getNFDInstance(s); }
const icu::Normalizer2* nfc(UErrorCode& s) { return icu::Normalizer2::getNFCInstance(s); }

// UTF-8 in, with any byte that does not belong to a character left out.
icu::UnicodeString from_utf8(std::string_view text) {
  icu::UnicodeString out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0) out.append(c);
  }
  return out;
}

icu::UnicodeString normalized(const icu::Normalizer2& n, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n.normalize(text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU normalisation failed");
  return out;
}

// The letter Persian writes where Arabic has `c`, or `c`. ICU keeps these apart (they
// are different letters to Unicode); a Persian reader sees one letter.
UChar32 persian_letter(UChar32 c) {
  switch (c) {
    case 0x064A:      // ARABIC LETTER YEH
    case 0x0649:      // ARABIC LETTER ALEF MAKSURA
      return 0x06CC;  // ARABIC LETTER FARSI YEH
    case 0x0643:      // ARABIC LETTER KAF
      return 0x06A9;  // ARABIC LETTER KEHEH
    case 0x0629:      // ARABIC LETTER TEH MARBUTA
    case 0x06D5:      // ARABIC LETTER AE (ۀ without its hamza, after decomposition)
      return 0x0647;  // ARABIC LETTER HEH
    default:
      return c;
  }
}

}  // namespace

std::string search_folded(std::string_view text) {
  static const icu::Normalizer2& compatible = normalizer(nfkc_casefold);
  static const icu::Normalizer2& decomposed = normalizer(nfd);
  static const icu::Normalizer2& composed = normalizer(nfc);

  const icu::UnicodeString parts = normalized(decomposed, normalized(compatible, from_utf8(text)));
  icu::UnicodeString kept;
  bool space_pending = false;
  for (int32_t i = 0; i < parts.length(); i = parts.moveIndex32(i, 1)) {
    const UChar32 c = parts.char32At(i);
    if (u_isUWhiteSpace(c)) {
      space_pending = !kept.isEmpty();
      continue;
    }
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_CONTROL_CHAR || c == 0x0640) continue;
    if (space_pending) kept.append(UChar32(' '));
    space_pending = false;
    if (type == U_DECIMAL_DIGIT_NUMBER) {
      kept.append(UChar32('0' + u_charDigitValue(c)));
    } else {
      kept.append(persian_letter(c));
    }
  }
  std::string out;
  normalized(composed, kept).toUTF8String(out);
  return out;
}

std::size_t folded_length(std::string_view folded) {
  std::size_t n = 0;
  for (const char c : folded) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace rp
