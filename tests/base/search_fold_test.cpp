// Text as it is searched (base/search_fold.hpp): the spellings a Persian or Arabic
// keyboard produces fold to one, digits of any script to ASCII, Latin case and accents
// away; folding twice changes nothing.
#include <gtest/gtest.h>

#include "base/search_fold.hpp"

namespace rp {
namespace {

TEST(SearchFold, ArabicLettersFoldToPersian) {
  // علی کریمی typed with Arabic yeh and kaf, and with alef maksura.
  EXPECT_EQ(search_folded("علي كريمي"), "علی کریمی");
  EXPECT_EQ(search_folded("علی کریمی"), "علی کریمی");
  EXPECT_EQ(search_folded("موسى"), "موسی");
  EXPECT_EQ(search_folded("فاطمة"), "فاطمه");
}

TEST(SearchFold, InvisibleJoinersAndTatweelGo) {
  EXPECT_EQ(search_folded("مهدی\u200cزاده"), "مهدیزاده");  // zero-width non-joiner
  EXPECT_EQ(search_folded("مهدی\u200dزاده"), "مهدیزاده");  // zero-width joiner
  EXPECT_EQ(search_folded("مهدیــزاده"), "مهدیزاده");      // tatweel
  EXPECT_EQ(search_folded("\u200fرضا\u200e"), "رضا");      // direction marks
}

TEST(SearchFold, MarksAboveLettersGo) {
  EXPECT_EQ(search_folded("آرش"), "ارش");
  EXPECT_EQ(search_folded("أحمد"), "احمد");
  EXPECT_EQ(search_folded("مُحَمَّد"), "محمد");  // short vowels and shadda
  EXPECT_EQ(search_folded("José"), "jose");
}

TEST(SearchFold, ArabicPresentationFormsAreTheirLetters) {
  EXPECT_EQ(search_folded("\uFEE3\uFEEE\uFEB3\uFEF0"), "موسی");  // موسى in presentation forms
}

TEST(SearchFold, DigitsOfAnyScriptAreAscii) {
  EXPECT_EQ(search_folded("۰۹۱۲۳۴۵۶۷۸۹"), "09123456789");
  EXPECT_EQ(search_folded("٠٩١٢"), "0912");
  EXPECT_EQ(search_folded("ＭＲＮ-１２"), "mrn-12");  // full-width forms
}

TEST(SearchFold, LatinCaseAndSpaces) {
  EXPECT_EQ(search_folded("  Ali\t REZAEI \n"), "ali rezaei");
  EXPECT_EQ(search_folded("STRASSE"), search_folded("straße"));
  EXPECT_EQ(search_folded(""), "");
  EXPECT_EQ(search_folded("\u200c \u200c"), "");
}

TEST(SearchFold, BytesThatAreNotUtf8AreDropped) {
  EXPECT_EQ(search_folded(std::string("al\xffi", 4)), "ali");
  EXPECT_EQ(search_folded(std::string("\xd9", 1)), "");
}

TEST(SearchFold, FoldingTwiceChangesNothing) {
  for (const char* text :
       {"علي كريمي", "مهدی\u200cزاده", "آرش", "José MARÍA", "۰۹۱۲", "ۀ", "مسئول", "Ǆemal", "ﷲ", "\uFB01nn", "한국어"}) {
    const std::string once = search_folded(text);
    EXPECT_EQ(search_folded(once), once) << text;
    EXPECT_EQ(once.find('\n'), std::string::npos);
  }
}

TEST(SearchFold, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(folded_length("علی"), 3u);
  EXPECT_EQ(folded_length("ali"), 3u);
  EXPECT_EQ(folded_length("عل"), 2u);
  EXPECT_EQ(folded_length(""), 0u);
}

}  // namespace
}  // namespace rp
