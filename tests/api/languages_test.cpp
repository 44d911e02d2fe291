// Error messages in the client's language: which language an Accept-Language header
// prefers (RFC 9110 §12.5.4), and the Persian catalogue of the API's messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "api/http/languages.hpp"
#include "api/http/messages_fa.hpp"

namespace rp::api::http {
namespace {

TEST(PreferredLanguage, WhatBrowsersSend) {
  EXPECT_EQ(preferred_language("fa-IR,fa;q=0.9,en-US;q=0.8,en;q=0.7"), "fa");
  EXPECT_EQ(preferred_language("en-US,en;q=0.9,fa;q=0.8"), "en");
  EXPECT_EQ(preferred_language("fa"), "fa");  // what the web app sends
  EXPECT_EQ(preferred_language("en"), "en");
  EXPECT_EQ(preferred_language("FA-ir"), "fa");  // ranges are case-insensitive
}

TEST(PreferredLanguage, EnglishWhenNothingSaysPersian) {
  EXPECT_EQ(preferred_language(""), "en");
  EXPECT_EQ(preferred_language("de-DE, fr;q=0.8"), "en");
  EXPECT_EQ(preferred_language("fas"), "en");    // another language's subtag, not a prefix match
  EXPECT_EQ(preferred_language("fa_IR"), "en");  // not a language range
  EXPECT_EQ(preferred_language("fa;q=abc"), "en");
  EXPECT_EQ(preferred_language("fa;q=2"), "en");
  EXPECT_EQ(preferred_language("fa;q=0"), "en");
  EXPECT_EQ(preferred_language("en;q=0, fa;q=0"), "en");
}

TEST(PreferredLanguage, WeightsThenOrder) {
  EXPECT_EQ(preferred_language("en;q=0.4, fa;q=0.5"), "fa");
  EXPECT_EQ(preferred_language("fa;q=0.5, en;q=0.5"), "fa");  // a tie goes to the first named
  EXPECT_EQ(preferred_language("en;q=0.5, fa;q=0.5"), "en");
  EXPECT_EQ(preferred_language("de, fa;q=0.1"), "fa");
  // The highest weight a language is given counts, wherever it comes.
  EXPECT_EQ(preferred_language("fa-IR;q=0.2, en;q=0.5, fa;q=0.9"), "fa");
}

TEST(PreferredLanguage, Wildcard) {
  EXPECT_EQ(preferred_language("*"), "en");  // any language: the default
  EXPECT_EQ(preferred_language("en;q=0, *"), "fa");
  EXPECT_EQ(preferred_language("fa;q=0, *"), "en");
  EXPECT_EQ(preferred_language("de, *;q=0.5, fa;q=0.6"), "fa");
}

TEST(PersianMessage, WordForWord) {
  EXPECT_EQ(persian_message("is required"), "الزامی است");
  EXPECT_EQ(persian_message("wrong username or password"), "نام کاربری یا گذرواژه نادرست است");
  EXPECT_EQ(persian_message("check digit does not match"), "رقم کنترل کد ملی درست نیست");
}

TEST(PersianMessage, PatternsCarryTheirValuesInPersianDigits) {
  EXPECT_EQ(persian_message("no patient 42"), "بیمار شماره ۴۲ یافت نشد");
  EXPECT_EQ(persian_message("must be at most 128 characters"), "باید حداکثر ۱۲۸ نویسه باشد");
  EXPECT_EQ(persian_message("unknown item 'q9' for instrument nrs"), "پرسش «q9» در پرسشنامه nrs نیست");
  EXPECT_EQ(persian_message("'1970-2-30' is not a day of the Gregorian calendar"),
            "«۱۹۷۰-۲-۳۰» روزی از تقویم میلادی نیست");
  EXPECT_EQ(persian_message("record number 'M-1' is already used at centre tehran-1"),
            "شماره پرونده «M-1» پیش‌تر در مرکز tehran-1 به کار رفته است");
}

// The live event stream's refusals beyond its bounds read in Persian, the bound in
// Persian digits.
TEST(PersianMessage, EventStreamBounds) {
  const auto account = persian_message(
      "this account already has 4 live event streams open, the most it may; close another tab or window of this "
      "site");
  ASSERT_TRUE(account.has_value());
  EXPECT_NE(account->find("۴"), std::string::npos) << *account;
  const auto server =
      persian_message("the server is serving the most live event streams it may (200); try again in a minute");
  ASSERT_TRUE(server.has_value());
  EXPECT_NE(server->find("۲۰۰"), std::string::npos) << *server;
  EXPECT_TRUE(persian_message("say what was done: called, asked_to_come_in or referred_to_emergency").has_value());
}

TEST(PersianMessage, StatesByTheirPersianNames) {
  const auto m = persian_message("cannot move an episode from referred to injected (allowed: screening, withdrawn)");
  ASSERT_TRUE(m);
  EXPECT_NE(m->find("«ارجاع‌شده»"), std::string::npos) << *m;
  EXPECT_NE(m->find("«تزریق انجام شد»"), std::string::npos) << *m;
  EXPECT_EQ(m->find("referred"), std::string::npos) << *m;
}

TEST(PersianMessage, UnknownOrOverlongStaysEnglish) {
  EXPECT_FALSE(persian_message("a message nobody wrote"));
  EXPECT_FALSE(persian_message(""));
  EXPECT_FALSE(persian_message("Is Required"));  // word for word, case included
  // A value from the request quoted in the message: long ones are never matched by a pattern.
  const std::string item(kLongestPatterned, 'x');
  EXPECT_TRUE(persian_message("unknown instrument 'x'"));
  EXPECT_FALSE(persian_message("unknown instrument '" + item + "'"));
  EXPECT_FALSE(persian_message("unknown instrument '" + std::string(1 << 20, 'x') + "'"));
}

// Every message the catalogue knows word for word is still one the code says, as a
// string literal somewhere in the layers: a reworded message must be translated again,
// not silently fall back to English.
TEST(PersianCatalogue, EveryMessageIsStillSaid) {
  namespace fs = std::filesystem;
  std::string sources;
  for (const char* layer : {"base", "domain", "stats", "store", "service", "api", "app"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(RP_SOURCE_DIR) / layer)) {
      const auto ext = entry.path().extension();
      if (entry.path().filename() == "messages_fa.cpp" || (ext != ".cpp" && ext != ".hpp")) continue;
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      sources += text.str();
    }
  }
  const auto keys = persian_catalogue();
  ASSERT_GT(keys.size(), 50U);
  for (const auto key : keys) {
    EXPECT_NE(sources.find("\"" + std::string(key) + "\""), std::string::npos) << "no longer said: " << key;
  }
}

}  // namespace
}  // namespace rp::api::http
