// Error messages in the client's language: which language an Accept-Language header
// prefers (RFC 9110 §12.5.4), and the Persian sentences the error catalogue gives a
// message still written in English at its throw site (the transitional path).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "api/http/error_language.hpp"
#include "api/http/languages.hpp"
#include "base/error_catalogue.hpp"

namespace rp::api::http {
namespace {

// The Persian an English sentence gets: its code and params recognised, then the
// catalogue's Persian sentence made from them.
std::optional<std::string> persian_message(std::string_view english) {
  const auto r = errors::recognise(english);
  if (!r) return std::nullopt;
  return errors::sentence(r->code, r->params, "fa");
}

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
  const auto m =
      persian_message("cannot move an episode from referred to injected (allowed from referred: screening, withdrawn)");
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
  const std::string item(errors::kLongestRecognised, 'x');
  EXPECT_TRUE(persian_message("unknown instrument 'x'"));
  EXPECT_FALSE(persian_message("unknown instrument '" + item + "'"));
  EXPECT_FALSE(persian_message("unknown instrument '" + std::string(1 << 20, 'x') + "'"));
}

TEST(RawHeaderValue, FromAHeadNotParsed) {
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\naccept-language:  fa-IR,fa;q=0.9 \r\nX-Big: aaaa";
  EXPECT_EQ(raw_header_value(head, "Accept-Language"), "fa-IR,fa;q=0.9");
  EXPECT_EQ(raw_header_value(head, "Host"), "x");
  EXPECT_EQ(raw_header_value(head, "Cookie"), "");
  // The body is not the head: a header-like line after the blank line is not a header.
  EXPECT_EQ(raw_header_value("POST / HTTP/1.1\r\nHost: x\r\n\r\nAccept-Language: fa", "Accept-Language"), "");
}

}  // namespace
}  // namespace rp::api::http
