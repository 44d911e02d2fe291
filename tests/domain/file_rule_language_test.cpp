// The rule a data file broke (a protocol, a claims file, the responder thresholds) is
// said in the message's language: a Persian message carries the Persian rule, never the
// English one inside the Persian frame, while the English message and the API's params
// keep the English.
#include <gtest/gtest.h>

#include <string>

#include "base/error.hpp"
#include "base/error_catalogue.hpp"
#include "domain/claims.hpp"
#include "domain/instruments/responder_thresholds.hpp"
#include "domain/protocol.hpp"

namespace rp {
namespace {

std::string minimal_protocol(const std::string& items) {
  return "id: t\nversion: 1\njoint: hip\ntitle: {en: T, fa: ت}\nanchors:\n  injection: {en: I, fa: ت}\n"
         "eligibility:\n  indication: {id: i, finding: kl_grade, at_least: 2, at_most: 3, text: {en: x, fa: y}}\n"
         "items:\n" +
         items;
}

template <class Parse>
InputError refusal(Parse parse) {
  try {
    parse();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted";
  return InputError("", "required"_err);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string* rule_value(const InputError& e) {
  for (const auto& p : e.params())
    if (p.name == "rule") return &p.value;
  return nullptr;
}

TEST(FileRuleLanguage, AnUnknownProtocolKeyIsSaidInPersian) {
  const auto e = refusal([] {
    parse_protocol(
        minimal_protocol(
            "  - {id: a, kind: visit, anchor: injection, at: +2d, wndow: [-1d, +1d], title: {en: a, fa: b}}\n"),
        "t.yaml");
  });
  EXPECT_EQ(e.code(), "protocol_rule_at_line");
  const std::string fa = errors::message(e, "fa");
  EXPECT_TRUE(has(fa, "کلید شناخته‌شده‌ای نیست")) << fa;
  EXPECT_FALSE(has(fa, "is not a known key")) << fa;
  EXPECT_TRUE(has(fa, "سطر ۱۰")) << fa;  // the frame's line in Persian digits
  EXPECT_TRUE(has(e.what(), "is not a known key")) << e.what();
  ASSERT_TRUE(rule_value(e));
  EXPECT_EQ(*rule_value(e), "is not a known key");  // the params stay as the API has shown them
}

TEST(FileRuleLanguage, AProtocolNameStaysAsWrittenInsideThePersianRule) {
  const auto e = refusal([] {
    parse_protocol(minimal_protocol("  - {id: a, kind: party, anchor: injection, at: +2d, title: {en: a, fa: b}}\n"),
                   "t.yaml");
  });
  const std::string fa = errors::message(e, "fa");
  EXPECT_TRUE(has(fa, "«party» نوع شناخته‌شده‌ای نیست")) << fa;
  EXPECT_TRUE(has(e.what(), "'party' is not a known kind")) << e.what();
}

TEST(FileRuleLanguage, ABadOffsetGivesTheOffsetsOwnPersianSentence) {
  const auto e = refusal([] {
    parse_protocol(minimal_protocol("  - {id: a, kind: visit, anchor: injection, at: +2x, title: {en: a, fa: b}}\n"),
                   "t.yaml");
  });
  const std::string fa = errors::message(e, "fa");
  EXPECT_FALSE(has(fa, "is not an offset")) << fa;
  EXPECT_TRUE(has(e.what(), "is not an offset")) << e.what();
}

TEST(FileRuleLanguage, ClaimsFileRulesAreSaidInPersian) {
  const auto e = refusal([] { parse_claims("version: 1\nsource: {en: s, fa: س}\nclaims: 5\n", "c.yaml"); });
  EXPECT_EQ(e.code(), "yaml_rule_at_line");
  const std::string fa = errors::message(e, "fa");
  EXPECT_TRUE(has(fa, "باید فهرست باشد")) << fa;
  EXPECT_FALSE(has(fa, "must be a list")) << fa;
}

TEST(FileRuleLanguage, ARangeIsWrittenInPersianDigits) {
  const auto e = refusal([] { parse_claims("version: 2\n", "c.yaml"); });
  const std::string fa = errors::message(e, "fa");
  EXPECT_TRUE(has(fa, "باید عدد صحیحی از ۱ تا ۱ باشد")) << fa;
  EXPECT_TRUE(has(e.what(), "must be a whole number from 1 to 1")) << e.what();
}

TEST(FileRuleLanguage, ResponderThresholdRulesAreSaidInPersian) {
  const auto e = refusal([] { instruments::parse_responder_thresholds("{}", "r.yaml"); });
  const std::string fa = errors::message(e, "fa");
  EXPECT_TRUE(has(fa, "وجود ندارد")) << fa;
  EXPECT_FALSE(has(fa, "top level")) << fa;
  EXPECT_TRUE(has(e.what(), "is missing (expected under 'top level')")) << e.what();
}

// A param without its own Persian is still written by its type.
TEST(FileRuleLanguage, AParamWithoutPersianKeepsItsValue) {
  EXPECT_EQ(errors::sentence("yaml_rule", {{"source", "c.yaml"}, {"key", "claims"}, {"rule", "must be a list"}}, "fa"),
            "c.yaml: claims must be a list");
  EXPECT_EQ(
      errors::sentence(
          "yaml_rule",
          {{"source", "c.yaml"}, {"key", "claims"}, ErrorParam("rule", "must be a list", "باید فهرست باشد")}, "en"),
      "c.yaml: claims must be a list");
}

}  // namespace
}  // namespace rp
