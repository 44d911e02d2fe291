// The error catalogue (messages/errors.json): every code has both languages and declares
// the parameters its sentences use, every code the source throws is in it, and the
// Persian sentence writes its parameters by their type (Persian digits, Jalali dates).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "base/error.hpp"
#include "base/error_catalogue.hpp"

namespace rp {
namespace {

std::set<std::string> placeholders(const std::string& sentence) {
  std::set<std::string> names;
  static const std::regex placeholder(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(sentence.begin(), sentence.end(), placeholder), end; it != end; ++it)
    names.insert((*it)[1].str());
  return names;
}

TEST(ErrorCatalogue, EveryCodeHasBothLanguagesAndDeclaresItsParams) {
  const auto& entries = errors::entries();
  ASSERT_GT(entries.size(), 200U);
  static const std::set<std::string> types = {"number", "date", "typed_date", "state", "field", "text"};
  std::set<std::string> codes;
  for (const auto& e : entries) {
    EXPECT_TRUE(codes.insert(e.code).second) << "twice: " << e.code;
    EXPECT_FALSE(e.en.empty()) << e.code;
    EXPECT_FALSE(e.fa.empty()) << e.code;
    std::set<std::string> declared;
    for (const auto& [name, type] : e.params) {
      declared.insert(name);
      EXPECT_TRUE(types.count(type)) << e.code << ": " << name << " has type " << type;
    }
    // English says every parameter (what() is the English sentence, read by logs and tests);
    // Persian may leave out a detail, never invent one.
    EXPECT_EQ(placeholders(e.en), declared) << e.code;
    // Braces are placeholders only: a literal brace would be read as one.
    for (const std::string* sentence : {&e.en, &e.fa})
      EXPECT_EQ(std::regex_replace(*sentence, std::regex(R"(\{[a-z_]+\})"), "").find_first_of("{}"), std::string::npos)
          << e.code << ": " << *sentence;
    for (const auto& name : placeholders(e.fa)) EXPECT_TRUE(declared.count(name)) << e.code << ": {" << name << "}";
    // Persian sentences are Persian: Latin digits would be a slip of the converter.
    EXPECT_EQ(e.fa.find_first_of("0123456789") == std::string::npos || e.fa.find("CTCAE") != std::string::npos ||
                  e.fa.find("FHIR") != std::string::npos || e.fa.find("UTF-8") != std::string::npos ||
                  e.fa.find("+98") != std::string::npos || e.fa.find("M16") != std::string::npos ||
                  e.fa.find("M17") != std::string::npos || e.fa.find("icd-10") != std::string::npos ||
                  e.fa.find("chmod") != std::string::npos || e.fa.find("+14d") != std::string::npos,
              true)
        << e.code << ": " << e.fa;
  }
}

// Every "code"_err in the layers' sources names a catalogue entry: a code without one
// would reach users as its bare name.
TEST(ErrorCatalogue, EveryCodeTheSourceUsesIsCatalogued) {
  namespace fs = std::filesystem;
  std::set<std::string> catalogued;
  for (const auto& e : errors::entries()) catalogued.insert(e.code);
  static const std::regex used(R"re("([a-z0-9_]+)"_err)re");
  std::size_t uses = 0;
  for (const char* layer : {"base", "domain", "stats", "store", "service", "api", "app"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(RP_SOURCE_DIR) / layer)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      const std::string source = text.str();
      for (std::sregex_iterator it(source.begin(), source.end(), used), end; it != end; ++it, ++uses)
        EXPECT_TRUE(catalogued.count((*it)[1].str())) << entry.path() << " uses " << (*it)[1].str();
    }
  }
  EXPECT_GT(uses, 50U);
}

TEST(ErrorCatalogue, CodedErrorSaysItsEnglishSentence) {
  const NotFoundError e("id", "patient_not_found"_err, {{"id", 42}});
  EXPECT_STREQ(e.what(), "no patient 42");
  EXPECT_EQ(e.code(), "patient_not_found");
  EXPECT_EQ(e.field(), "id");
  ASSERT_EQ(e.params().size(), 1U);
  EXPECT_EQ(e.params()[0].value, "42");
  EXPECT_EQ(errors::message(e, "fa"), "بیمار شماره ۴۲ یافت نشد");
  EXPECT_EQ(errors::message(e, "en"), "no patient 42");
}

TEST(ErrorCatalogue, PersianWritesParamsByTheirType) {
  // A date parameter is Jalali in Persian digits; 2024-03-20 was Nowruz 1403.
  EXPECT_EQ(errors::sentence("before_episode_began", {{"began", "2024-03-20"}}, "fa"),
            "نباید پیش از آغاز دوره درمانی (۱۴۰۳/۰۱/۰۱) باشد");
  EXPECT_EQ(errors::sentence("before_episode_began", {{"began", "2024-03-20"}}, "en"),
            "must not be before the episode began (2024-03-20)");
  // A number in Persian digits, a state by its Persian name, a field's name as it is.
  EXPECT_EQ(errors::sentence("too_many_characters", {{"max", 128}}, "fa"), "باید حداکثر ۱۲۸ نویسه باشد");
  const auto moved =
      errors::sentence("illegal_transition", {{"from", "referred"}, {"to", "injected"}, {"allowed", "x"}}, "fa");
  ASSERT_TRUE(moved);
  EXPECT_NE(moved->find("«ارجاع‌شده»"), std::string::npos) << *moved;
  EXPECT_EQ(errors::sentence("give_one_not_both", {{"first", "birth_date"}, {"second", "birth_date_jalali"}}, "fa"),
            "birth_date یا birth_date_jalali را بفرستید، نه هر دو را");
  // A date that is not one stays as it was given.
  EXPECT_EQ(errors::sentence("before_episode_began", {{"began", "someday"}}, "fa"),
            "نباید پیش از آغاز دوره درمانی (someday) باشد");
  EXPECT_FALSE(errors::sentence("no_such_code", {}, "fa"));
}

// A code the catalogue lacks (a slip a test below prevents) still reads as its code and
// values, in both languages.
TEST(ErrorCatalogue, AnUnknownCodeSaysItsCodeAndValues) {
  const ConflictError e("record_number", "no_such_code"_err, {{"record", "M-1"}});
  EXPECT_STREQ(e.what(), "no_such_code record=M-1");
  EXPECT_EQ(errors::message(e, "fa"), "no_such_code record=M-1");
}

// A sentence made from its code and params, never read back from English text: a
// parameter that looks like another sentence stays a value.
TEST(ErrorCatalogue, ParamsAreValuesNotSentences) {
  const ConflictError e("record_number", "record_number_used"_err, {{"record", "is required"}, {"centre", "tehran-1"}});
  EXPECT_STREQ(e.what(), "record number 'is required' is already used at centre tehran-1");
  EXPECT_EQ(errors::message(e, "fa"),
            "شماره پرونده «is required» پیش‌تر در مرکز tehran-1 به کار رفته است");
}

}  // namespace
}  // namespace rp
