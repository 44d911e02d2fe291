// Signing a consent document (domain/consent/signing.hpp): the document is filled in the
// patient's language with the centre's figure for each embedded claim (its n, 95 % CI and
// what it says of the claim, or that it is not yet known or cannot be known here), the
// published studies on it and, without randomised support, that none supports it, and a
// closing section with every claim so; a signing is refused naming the wrong answer, the
// name or the signature; the strokes read back as written and bad ones are refused.
#include <gtest/gtest.h>

#include <cmath>

#include "base/error.hpp"
#include "domain/consent/signing.hpp"

namespace rp::consent {
namespace {

Claim success_claim() {
  Claim c;
  c.id = "success-75-85";
  c.words = {"between 75 and 85 % improve", "بین ۷۵ تا ۸۵ درصد بهتر می‌شوند"};
  c.low = 0.75;
  c.high = 0.85;
  c.min_n = 30;
  return c;
}

Document document() {
  Document d;
  d.centre_id = "a";
  d.protocol = "hip-msc-v1";
  d.version = 2;
  d.title = {"Consent to the treatment", "رضایت به درمان"};
  d.sections = {{{"What is done", "چه انجام می‌شود"},
                 {"Cells are taken from your hip bone.\n\n{{claim:success-75-85}}",
                  "سلول‌ها از استخوان لگن گرفته می‌شود.\n\n{{claim:success-75-85}}"}}};
  d.questions = {{{"Is the treatment proven?", "آیا درمان اثبات‌شده است؟"},
                  {{"Yes", "بله"}, {"No", "نه"}},
                  1}};
  return d;
}

evidence::Entry miles() {
  evidence::Entry e;
  e.id = "miles-2023";
  e.protocol = "hip-msc-v1";
  e.claims = {"success-75-85"};
  e.citation = "MILES trial, 2023";
  e.year = 2023;
  e.design = evidence::StudyDesign::randomised_trial;
  e.n = 480;
  e.stance = evidence::Stance::contradicts;
  e.finding = {"No cell product beat a steroid injection at 12 months.",
               "هیچ فراورده‌ای بهتر از تزریق استروئید نبود."};
  return e;
}

outcomes::ClaimResult measured(Verdict v, std::int64_t n, double est, double lo, double hi) {
  outcomes::ClaimResult r;
  r.claim_id = "success-75-85";
  r.measured.n = n;
  r.measured.estimate = est;
  r.measured.lower = lo;
  r.measured.upper = hi;
  r.judgement.verdict = v;
  return r;
}

std::string all_text(const ShownCopy& c) {
  std::string out = c.title;
  for (const auto& s : c.sections) {
    out += "\n" + s.heading;
    for (const auto& b : s.blocks) out += "\n" + b.text;
  }
  return out;
}

TEST(ConsentSigning, TheDocumentIsFilledWithTheCentresFigureAndTheEvidence) {
  const Claim claim = success_claim();
  const auto result = measured(Verdict::contradicted, 40, 0.52, 0.37, 0.67);
  Figures f{{{&claim, &result, false}}, {miles()}, "2026-12-01T08:00:00.000Z"};
  const ShownCopy en = fill(document(), "en", f);
  ASSERT_EQ(en.sections.size(), 2U) << "the clinic's section, then every claim";
  ASSERT_EQ(en.sections[0].blocks.size(), 2U);
  EXPECT_FALSE(en.sections[0].blocks[0].figure);
  EXPECT_TRUE(en.sections[0].blocks[1].figure);
  const std::string text = all_text(en);
  EXPECT_NE(text.find("At this centre: 52% (95% CI 37% to 67%) of 40 patients."), std::string::npos) << text;
  EXPECT_NE(text.find("This figure contradicts the claim."), std::string::npos);
  EXPECT_NE(text.find("MILES trial, 2023 (randomised trial, n = 480): No cell product"), std::string::npos);
  EXPECT_NE(text.find("No randomised trial or systematic review supports this claim."), std::string::npos);
  EXPECT_EQ(en.figures_as_of, "2026-12-01T08:00:00.000Z");
  ASSERT_EQ(en.questions.size(), 1U);
  EXPECT_EQ(en.questions[0].options[1], "No");

  const ShownCopy fa = fill(document(), "fa", f);
  const std::string fa_text = all_text(fa);
  EXPECT_NE(fa_text.find("در این مرکز: ۵۲٪ (بازهٔ اطمینان ۹۵٪: ۳۷٪ تا ۶۷٪) از ۴۰ بیمار."), std::string::npos) << fa_text;
  EXPECT_EQ(fa.title, "رضایت به درمان");
  EXPECT_EQ(fa.questions[0].options[1], "نه");
}

TEST(ConsentSigning, AFigureNotYetKnownSaysSoAndNeverShowsAnEstimate) {
  const Claim claim = success_claim();
  const auto few = measured(Verdict::insufficient_data, 12, 0.9, 0.6, 0.99);
  auto lines = claim_lines({&claim, &few, false}, {}, false);
  ASSERT_GE(lines.size(), 2U);
  EXPECT_EQ(lines[1], "At this centre: not yet known (12 patients followed long enough; at least 30 are needed).");
  EXPECT_EQ(lines.back(), "No randomised trial or systematic review supports this claim.");
  lines = claim_lines({&claim, &few, true}, {}, true);
  EXPECT_EQ(lines[1], "در این مرکز: هنوز معلوم نیست (تاکنون کمتر از پنج بیمار).");
  lines = claim_lines({&claim, nullptr, false}, {}, false);
  EXPECT_EQ(lines[1], "This centre cannot test this claim from its own patients' records.");
  auto supporting = miles();
  supporting.stance = evidence::Stance::supports;
  const auto consistent = measured(Verdict::consistent, 40, 0.8, 0.65, 0.9);
  lines = claim_lines({&claim, &consistent, false}, {supporting}, false);
  EXPECT_EQ(lines.back().rfind("Published: MILES", 0), 0U) << "randomised support: nothing more to say";
  EXPECT_EQ(lines[2], "This figure does not contradict the claim, which does not prove it.");
}

TEST(ConsentSigning, ASigningIsRefusedNamingTheFieldThatBreaksItsRule) {
  const Signing good{{1}, "مریم رضایی", {{{0.1, 0.5}, {0.4, 0.6}}}};
  EXPECT_NO_THROW(validate_signing(document(), good));
  const auto refused = [](Signing s) -> std::pair<std::string, std::string> {
    try {
      validate_signing(document(), s);
    } catch (const InputError& e) {
      return {e.field(), e.code()};
    }
    return {"", ""};
  };
  auto s = good;
  s.answers = {0};
  EXPECT_EQ(refused(s), std::make_pair(std::string("answers[0]"), std::string("consent_answer_wrong")));
  s.answers = {};
  EXPECT_EQ(refused(s).first, "answers");
  s = good;
  s.name = "";
  EXPECT_EQ(refused(s).first, "name");
  s.name = "\u202eevil";
  EXPECT_EQ(refused(s).first, "name");
  s = good;
  s.strokes = {{{0.1, 0.5}}};
  EXPECT_EQ(refused(s).second, "signature_required") << "a dot is no signature";
  s.strokes = {{{0.1, 0.5}, {1.5, 0.5}}};
  EXPECT_EQ(refused(s).second, "signature_outside_pad");
  s.strokes = {{{0.1, 0.5}, {NAN, 0.5}}};
  EXPECT_EQ(refused(s).second, "signature_outside_pad");
  // A patient who cannot draw signs with the typed name alone; a drawing beside it contradicts it.
  s.typed_only = true;
  s.strokes.clear();
  EXPECT_EQ(refused(s).first, "");
  s.strokes = good.strokes;
  EXPECT_EQ(refused(s).second, "signature_and_typed_only");
  s.strokes.clear();
  s.name = "";
  EXPECT_EQ(refused(s).first, "name") << "the typed name is then the signature itself";
}

TEST(ConsentSigning, StrokesReadBackAsWrittenAndBadOnesAreRefused) {
  const std::vector<Stroke> strokes{{{0.1, 0.25}, {0.5, 0.75}}, {{0.9, 0.125}, {0.95, 0.2}, {1, 1}}};
  const std::string text = strokes_text(strokes);
  EXPECT_EQ(text, "0.100 0.250,0.500 0.750;0.900 0.125,0.950 0.200,1.000 1.000");
  const auto back = parse_strokes(text);
  ASSERT_EQ(back.size(), 2U);
  EXPECT_DOUBLE_EQ(back[1][2].x, 1.0);
  EXPECT_TRUE(parse_strokes("").empty());
  for (const char* bad : {"0.1", "0.1 0.2,", "a b", "0.1 0.2;;0.3 0.4", "0.1  0.2", "0.1 0.2x"}) {
    try {
      parse_strokes(bad);
      ADD_FAILURE() << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), "signature_malformed") << bad;
      EXPECT_EQ(e.field(), "signature");
    }
  }
  std::string many;
  for (std::size_t i = 0; i <= kMaxStrokes; ++i) many += std::string(i ? ";" : "") + "0.1 0.1,0.2 0.2";
  try {
    parse_strokes(many);
    ADD_FAILURE() << "too many strokes";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), "signature_too_long");
  }
}

}  // namespace
}  // namespace rp::consent
