// A consent document (domain/consent/document.hpp): refused naming the field when its
// title, a section's heading or body, a question's prompt, options or right answer breaks
// its rule; a section embeds the protocol's claims only and never writes a claim's figure
// as a fact; the kinds read and write as their names; the same content is recognised.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "domain/consent/document.hpp"

namespace rp::consent {
namespace {

ClaimSet claims() {
  Claim c;
  c.id = "success-75-85";
  c.words = {"between 75 and 85 %", "بین ۷۵ تا ۸۵ درصد"};
  c.low = 0.75;
  c.high = 0.85;
  ClaimSet set;
  set.claims.push_back(c);
  return set;
}

Document good() {
  Document d;
  d.centre_id = "a";
  d.protocol = "hip-msc-v1";
  d.title = {"Consent to the treatment", "رضایت به درمان"};
  d.sections = {{{"What is done", "چه انجام می‌شود"},
                 {"Cells are taken from your hip bone.\n\n{{claim:success-75-85}}",
                  "سلول‌ها از استخوان لگن گرفته می‌شود."}}};
  d.questions = {{{"Is the treatment proven?", "آیا درمان اثبات‌شده است؟"},
                  {{"Yes", "بله"}, {"No: it is being studied", "نه: در حال بررسی است"}},
                  1}};
  return d;
}

std::string refused(const Document& d) {
  try {
    validate_document(d, claims());
  } catch (const InputError& e) {
    return e.field();
  }
  return "";
}

TEST(ConsentDocument, ADocumentIsRefusedNamingTheFieldThatBreaksItsRule) {
  EXPECT_EQ(refused(good()), "");
  const std::vector<std::pair<std::string, void (*)(Document&)>> cases{
      {"title_fa", [](Document& d) { d.title.fa = ""; }},
      {"title_en", [](Document& d) { d.title.en = "two\nlines"; }},
      {"sections", [](Document& d) { d.sections.clear(); }},
      {"sections[0].heading_fa", [](Document& d) { d.sections[0].heading.fa = " "; }},
      {"sections[0].body_en", [](Document& d) { d.sections[0].body.en = "{{claim:no-such-claim}}"; }},
      {"sections[0].body_en", [](Document& d) { d.sections[0].body.en = "It works in 85 % of patients."; }},
      {"sections[0].body_fa", [](Document& d) { d.sections[0].body.fa = "{{claim:"; }},
      {"questions[0].options", [](Document& d) { d.questions[0].options.pop_back(); }},
      {"questions[0].options[1].fa", [](Document& d) { d.questions[0].options[1].fa = ""; }},
      {"questions[0].correct", [](Document& d) { d.questions[0].correct = 2; }},
      {"questions[0].prompt_en", [](Document& d) { d.questions[0].prompt.en = ""; }},
  };
  for (const auto& [field, spoil] : cases) {
    Document d = good();
    spoil(d);
    EXPECT_EQ(refused(d), field) << field;
  }
  Document many = good();
  many.questions.assign(kMaxQuestions + 1, good().questions[0]);
  EXPECT_EQ(refused(many), "questions");
}

TEST(ConsentDocument, KindsAndSameContent) {
  for (const auto k : {ConsentKind::treatment, ConsentKind::registry, ConsentKind::contact})
    EXPECT_EQ(parse_consent_kind(to_string(k)), k);
  EXPECT_THROW(parse_consent_kind("research"), InputError);
  Document a = good(), b = good();
  b.version = 7;
  b.written_by = "someone";
  EXPECT_TRUE(same_content(a, b)) << "who and which version are not content";
  b.questions[0].correct = 0;
  EXPECT_FALSE(same_content(a, b));
  b = good();
  b.sections[0].body.fa += " ";
  EXPECT_FALSE(same_content(a, b));
}

}  // namespace
}  // namespace rp::consent
