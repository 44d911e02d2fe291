// Error messages in the client's language: which language an Accept-Language header
// prefers (RFC 9110 §12.5.4), and the Persian sentences the error catalogue makes from a
// code and its params.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "api/http/error_language.hpp"
#include "api/http/languages.hpp"
#include "base/error_catalogue.hpp"

namespace rp::api::http {
namespace {

// The catalogue's Persian sentence for a code and its params.
std::optional<std::string> persian_message(std::string_view code, const ErrorParams& params = {}) {
  return errors::sentence(code, params, "fa");
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
  EXPECT_EQ(persian_message("required"), "الزامی است");
  EXPECT_EQ(persian_message("wrong_password"), "نام کاربری یا گذرواژه نادرست است");
  EXPECT_EQ(persian_message("national_id_check_digit"), "رقم کنترل کد ملی درست نیست");
}

TEST(PersianMessage, ParamsInPersianDigits) {
  EXPECT_EQ(persian_message("patient_not_found", {{"id", 42}}), "بیمار شماره ۴۲ یافت نشد");
  EXPECT_EQ(persian_message("too_many_characters", {{"max", 128}}), "باید حداکثر ۱۲۸ نویسه باشد");
  EXPECT_EQ(persian_message("unknown_item", {{"item", "q9"}, {"instrument", "nrs"}}), "پرسش «q9» در پرسشنامه nrs نیست");
  EXPECT_EQ(persian_message("not_a_gregorian_day", {{"value", "1970-2-30"}}), "«۱۹۷۰-۲-۳۰» روزی از تقویم میلادی نیست");
  EXPECT_EQ(persian_message("record_number_used", {{"record", "M-1"}, {"centre", "tehran-1"}}),
            "شماره پرونده «M-1» پیش‌تر در مرکز tehran-1 به کار رفته است");
}

// The live event stream's refusals beyond its bounds read in Persian, the bound in
// Persian digits.
TEST(PersianMessage, EventStreamBounds) {
  const auto account = persian_message("too_many_streams_for_account", {{"max", 4}});
  ASSERT_TRUE(account.has_value());
  EXPECT_NE(account->find("۴"), std::string::npos) << *account;
  const auto server = persian_message("too_many_streams_on_server", {{"max", 200}});
  ASSERT_TRUE(server.has_value());
  EXPECT_NE(server->find("۲۰۰"), std::string::npos) << *server;
  EXPECT_TRUE(persian_message("red_flag_action_required").has_value());
}

TEST(PersianMessage, StatesByTheirPersianNames) {
  const auto m = persian_message("illegal_transition",
                                 {{"from", "referred"}, {"to", "injected"}, {"allowed", "screening, withdrawn"}});
  ASSERT_TRUE(m);
  EXPECT_NE(m->find("«ارجاع‌شده»"), std::string::npos) << *m;
  EXPECT_NE(m->find("«تزریق انجام شد»"), std::string::npos) << *m;
  EXPECT_EQ(m->find("referred"), std::string::npos) << *m;
}

// The file-author errors (a protocol, claims or thresholds file) carry the parser's rule
// as a value: the Persian frame, the line number in Persian digits, the rule as written.
TEST(PersianMessage, FileErrorsKeepTheirRule) {
  EXPECT_EQ(persian_message("yaml_rule_at_line",
                            {{"source", "c.yaml"}, {"line", 12}, {"key", "claims"}, {"rule", "must be a list"}}),
            "c.yaml سطر ۱۲: claims must be a list");
}

TEST(PersianMessage, UnknownCodeHasNoSentence) {
  EXPECT_FALSE(persian_message("a message nobody wrote"));
  EXPECT_FALSE(persian_message(""));
  EXPECT_FALSE(persian_message("Required"));  // codes are exact, case included
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
