// Education pages (domain/education/page.hpp): their fields' rules, bodies split into
// paragraphs and embedded figures, and the rule that a claim's stated figure cannot be
// written as prose, tried with the clinic's own claims file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "domain/education/page.hpp"

namespace rp::education {
namespace {

ClaimSet seed_claims() {
  std::ifstream in(std::string(RP_SOURCE_DIR) + "/claims/seed-claims.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return parse_claims(text.str(), "seed-claims.yaml");
}

Page valid_page() {
  Page p;
  p.centre_id = "a";
  p.slug = "how-long";
  p.protocol = "hip-msc-v1";
  p.title = {"How long until it works?", "چقدر طول می‌کشد؟"};
  p.body = {"Visits are at 2, 6 and 12 weeks.\n\n{{claim:pain-relief-80-6m}}",
            "ویزیت‌ها در هفته‌های ۲، ۶ و ۱۲ است."};
  return p;
}

std::string param(const InputError& e, const std::string& name) {
  for (const auto& p : e.params())
    if (p.name == name) return p.value;
  return "";
}

// The field and the code of the refusal, or two empty texts.
std::pair<std::string, std::string> refusal(const Page& p, const ClaimSet& claims) {
  try {
    validate_page(p, claims);
  } catch (const InputError& e) {
    return {e.field(), e.code()};
  }
  return {"", ""};
}

TEST(EducationPage, BodiesSplitIntoParagraphsAndFigures) {
  const auto blocks =
      blocks_of("First line\nsame paragraph\n\n  \n Second {{claim:a-1}}third\r\n\r\n{{ claim: b }}", "body_en");
  const std::vector<Block> expected{
      {"First line\nsame paragraph", ""}, {"Second", ""}, {"", "a-1"}, {"third", ""}, {"", "b"}};
  EXPECT_EQ(blocks, expected);
  EXPECT_TRUE(blocks_of("", "body_en").empty());
  for (const char* bad : {"{{claim:a", "{{figure:a}}", "{{claim:}}", "{{claim:A B}}", "x {{claim:ok}} {{"}) {
    try {
      blocks_of(bad, "body_fa");
      ADD_FAILURE() << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "body_fa");
      EXPECT_EQ(e.code(), "bad_page_embed");
    }
  }
  Page p = valid_page();
  p.body.fa = "{{claim:success-75-85}} {{claim:pain-relief-80-6m}}";
  EXPECT_EQ(embedded_claims(p), (std::vector<std::string>{"pain-relief-80-6m", "success-75-85"}));
}

TEST(EducationPage, EachFieldHasItsRule) {
  const ClaimSet claims = seed_claims();
  EXPECT_EQ(refusal(valid_page(), claims), (std::pair<std::string, std::string>{"", ""}));
  const auto refused = [&](auto change) {
    Page p = valid_page();
    change(p);
    return refusal(p, claims);
  };
  using R = std::pair<std::string, std::string>;
  EXPECT_EQ(refused([](Page& p) { p.slug = "Has Space"; }), (R{"slug", "bad_page_slug"}));
  EXPECT_EQ(refused([](Page& p) { p.slug = ""; }), (R{"slug", "bad_page_slug"}));
  EXPECT_EQ(refused([](Page& p) { p.slug = std::string(65, 'a'); }), (R{"slug", "bad_page_slug"}));
  EXPECT_EQ(refused([](Page& p) { p.position = -1; }), (R{"position", "integer_range"}));
  EXPECT_EQ(refused([](Page& p) { p.position = kMaxPosition + 1; }), (R{"position", "integer_range"}));
  EXPECT_EQ(refused([](Page& p) { p.title.fa = "  "; }), (R{"title_fa", "required"}));
  EXPECT_EQ(refused([](Page& p) { p.title.en = "two\nlines"; }).first, "title_en");
  EXPECT_EQ(refused([](Page& p) { p.title.en = std::string(kMaxTitleBytes + 1, 'a'); }),
            (R{"title_en", "too_many_bytes"}));
  EXPECT_EQ(refused([](Page& p) { p.body.en = "\n\n"; }), (R{"body_en", "required"}));
  EXPECT_EQ(refused([](Page& p) { p.body.fa = std::string(kMaxBodyBytes + 1, 'a'); }),
            (R{"body_fa", "too_many_bytes"}));
  EXPECT_EQ(refused([](Page& p) { p.body.fa = "متن\u202eوارونه"; }).first, "body_fa");
  EXPECT_EQ(refused([](Page& p) { p.body.en = "See {{claim:no-such-claim}}"; }),
            (R{"body_en", "unknown_claim_in_page"}));
  EXPECT_EQ(refused([](Page& p) { p.body.fa = "{{claim:success"; }), (R{"body_fa", "bad_page_embed"}));
  EXPECT_EQ(parse_page_kind("faq", "kind"), PageKind::faq);
  EXPECT_THROW(parse_page_kind("blog", "kind"), InputError);
}

TEST(EducationPage, PercentagesAreFoundInEveryScriptAndForm) {
  EXPECT_EQ(percentages_in("between 75 and 85 %"), (std::vector<double>{85}));
  EXPECT_EQ(percentages_in("۸۰ درصد بیماران"), (std::vector<double>{80}));
  EXPECT_EQ(percentages_in("٪۷۰ of them, 12.5% more, 90\u00a0percent, 1 per cent"),
            (std::vector<double>{70, 12.5, 90, 1}));
  EXPECT_EQ(percentages_in("۷۵٫۵٪"), (std::vector<double>{75.5}));
  EXPECT_TRUE(percentages_in("visits at 2, 6 and 12 weeks; 1404/12/29").empty());
}

TEST(EducationPage, AClaimsStatedFigureCannotBeWrittenAsAFact) {
  const ClaimSet claims = seed_claims();
  // The article's own numbers: 75 and 85 (success), 80 (pain relief), 70 (replacement),
  // 90 (daily activities), 1 (serious side effects). The registry's own minimum of 50 %
  // for how long the benefit lasts is no figure of the article's.
  for (const auto& [text, claim] : std::vector<std::pair<std::string, std::string>>{
           {"Success is 75 % to 85 %.", "success-75-85"},
           {"About 80 percent feel less pain.", "pain-relief-80-6m"},
           {"۷۰ درصد بیماران تا دو سال به تعویض مفصل نیاز ندارند.", "free-of-replacement-70-2y"},
           {"Serious side effects: under 1%.", "serious-side-effects-under-1"},
       }) {
    Page p = valid_page();
    p.body.en = "Intro.\n\n" + text;
    try {
      validate_page(p, claims);
      ADD_FAILURE() << text;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "body_en") << text;
      EXPECT_EQ(e.code(), "claimed_figure_as_fact") << text;
      EXPECT_EQ(param(e, "claim"), claim) << text;
    }
  }
  Page p = valid_page();
  p.body.en = "Insurers pay up to 30 %. Half of the cost, 50 %, is paid at harvest.";
  EXPECT_EQ(refusal(p, claims).first, "");
  p.title.fa = "موفقیت ۸۵٪";
  EXPECT_EQ(refusal(p, claims), (std::pair<std::string, std::string>{"title_fa", "claimed_figure_as_fact"}));
  // Without claims (a protocol that has none) nothing is a claimed figure.
  EXPECT_EQ(refusal(p, ClaimSet{}).first, "");
}

}  // namespace
}  // namespace rp::education
