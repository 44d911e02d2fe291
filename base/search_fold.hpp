#pragma once
// Text as it is searched: what a clerk types and what a record holds are compared after
// both are folded the same way, so that spelling variants a keyboard produces find each
// other. Persian is typed on Arabic keyboards (ي and ك for ی and ک), with or without the
// zero-width non-joiner between a word's parts, sometimes stretched with tatweel.
#include <string>
#include <string_view>

namespace rp {

// The folded form of `text`:
// - Unicode compatibility forms and case folded (ICU's NFKC_Casefold): Latin "ALI" and
//   "ali" alike, Arabic presentation forms as their letters, and every default-ignorable
//   character (zero-width non-joiner and joiner, soft hyphen, direction marks) removed;
// - combining marks removed after canonical decomposition: Arabic short vowels, the
//   hamza and madda written above a letter (آ and أ fold to ا), Latin accents (é to e);
// - tatweel (U+0640) removed;
// - Arabic letter variants as Persian writes them: ي and ى to ی, ك to ک, ة and ە to ه;
// - every decimal digit (Persian, Arabic-Indic, ...) as its ASCII digit;
// - runs of white space as one space, none at either end.
// Never throws: a byte that is not UTF-8 is dropped. The result holds no newline, so
// texts joined by one never match a folded query across the join.
std::string search_folded(std::string_view text);

// The number of characters (code points) of folded text: texts under three characters
// are too short for a trigram index.
std::size_t folded_length(std::string_view folded);

}  // namespace rp
