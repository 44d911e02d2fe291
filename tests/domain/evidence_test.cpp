// The published evidence beside the claims (domain/evidence/evidence.hpp): an entry is
// refused naming the field when its id, claims, citation, year, n, findings or link break
// their rule; a claim is supported by randomised evidence only when a standing randomised
// trial or systematic review supports it; the shipped starting file parses and every entry
// names a claim of the shipped claims file; a bad file is refused naming its line and key.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "domain/evidence/evidence.hpp"

namespace rp::evidence {
namespace {

std::string file(const std::string& path) {
  std::ifstream in(std::string(RP_SOURCE_DIR) + "/" + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ClaimSet claims() {
  ClaimSet set;
  for (const char* id : {"success-75-85", "serious-side-effects-under-1"}) {
    Claim c;
    c.id = id;
    set.claims.push_back(c);
  }
  return set;
}

Entry good() {
  Entry e;
  e.id = "miles-2023";
  e.protocol = "hip-msc-v1";
  e.claims = {"success-75-85"};
  e.citation = "Mautner et al., Nature Medicine 2023";
  e.year = 2023;
  e.design = StudyDesign::randomised_trial;
  e.n = 480;
  e.stance = Stance::contradicts;
  e.finding = {"No cell product beat a corticosteroid at 12 months.",
               "هیچ فراورده‌ای بهتر از کورتون نبود."};
  e.link = "https://www.nature.com/articles/s41591-023-02632-w";
  return e;
}

std::string refused_field(const Entry& e) {
  try {
    validate_entry(e, claims());
  } catch (const InputError& err) {
    return err.field();
  }
  return "";
}

TEST(Evidence, AnEntryIsRefusedNamingTheFieldThatBreaksItsRule) {
  EXPECT_EQ(refused_field(good()), "");
  const std::vector<std::pair<std::string, void (*)(Entry&)>> cases{
      {"id", [](Entry& e) { e.id = "Miles 2023"; }},
      {"id", [](Entry& e) { e.id = ""; }},
      {"claims", [](Entry& e) { e.claims.clear(); }},
      {"claims", [](Entry& e) { e.claims = {"no-such-claim"}; }},
      {"claims",
       [](Entry& e) {
         e.claims = {"success-75-85", "success-75-85"};
       }},
      {"citation", [](Entry& e) { e.citation = "two\nlines"; }},
      {"citation", [](Entry& e) { e.citation = "  "; }},
      {"year", [](Entry& e) { e.year = 1800; }},
      {"n", [](Entry& e) { e.n = 0; }},
      {"finding_en", [](Entry& e) { e.finding.en = ""; }},
      {"finding_fa", [](Entry& e) { e.finding.fa = std::string(2001, 'x'); }},
      {"link", [](Entry& e) { e.link = "http://example.org/study"; }},
      {"link", [](Entry& e) { e.link = "javascript:alert(1)"; }},
      {"link", [](Entry& e) { e.link = "https://example.org/a b"; }},
  };
  for (const auto& [field, spoil] : cases) {
    Entry e = good();
    spoil(e);
    EXPECT_EQ(refused_field(e), field) << field;
  }
}

TEST(Evidence, OnlyAStandingControlledStudyThatSupportsAClaimCountsAsRandomisedSupport) {
  Entry trial = good();
  EXPECT_FALSE(randomised_support({trial}, "success-75-85")) << "it contradicts the claim";
  trial.stance = Stance::supports;
  EXPECT_TRUE(randomised_support({trial}, "success-75-85"));
  EXPECT_FALSE(randomised_support({trial}, "serious-side-effects-under-1")) << "another claim";
  Entry series = trial;
  series.design = StudyDesign::case_series;
  EXPECT_FALSE(randomised_support({series}, "success-75-85")) << "not controlled";
  Entry review = trial;
  review.design = StudyDesign::systematic_review;
  EXPECT_TRUE(randomised_support({review}, "success-75-85"));
  review.withdrawn_at = "2026-12-01T00:00:00.000Z";
  EXPECT_FALSE(randomised_support({review}, "success-75-85")) << "withdrawn";
}

TEST(Evidence, TheShippedStartingEntriesParseAndNameTheShippedClaims) {
  const auto entries = parse_entries(file("claims/seed-evidence.yaml"), "claims/seed-evidence.yaml");
  ASSERT_GE(entries.size(), 5U);
  const ClaimSet shipped = parse_claims(file("claims/seed-claims.yaml"), "claims/seed-claims.yaml");
  for (const auto& e : entries) EXPECT_NO_THROW(validate_entry(e, shipped)) << e.id;
  const auto miles = std::find_if(entries.begin(), entries.end(), [](const Entry& e) { return e.id == "miles-2023"; });
  ASSERT_NE(miles, entries.end());
  EXPECT_EQ(miles->design, StudyDesign::randomised_trial);
  EXPECT_EQ(miles->stance, Stance::contradicts);
  EXPECT_EQ(*miles->n, 480);
  // The shipped evidence supports no claim of the article's success with a randomised trial.
  EXPECT_FALSE(randomised_support(entries, "success-75-85"));
}

TEST(Evidence, ABadFileIsRefusedNamingItsLineAndKey) {
  const auto refused = [](const std::string& text) {
    try {
      parse_entries(text, "evidence.yaml");
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused("evidence: [1]"), "evidence[0]");
  EXPECT_EQ(refused("evidence:\n  - id: a\n"), "evidence[0].protocol");
  EXPECT_EQ(refused("other: 1\n"), "other");
  EXPECT_EQ(refused("evidence:\n  - {id: a, protocol: p, claims: [c], citation: c, year: 1e300, design: cohort, "
                    "stance: supports, finding: {en: a, fa: b}, link: l}\n"),
            "evidence[0].year");
  EXPECT_EQ(refused("evidence:\n  - {id: a, protocol: p, claims: [c], citation: c, year: 2020, design: opinion, "
                    "stance: supports, finding: {en: a, fa: b}, link: l}\n"),
            "evidence[0].design");
  EXPECT_EQ(refused("evidence: [\n"), "evidence");
}

}  // namespace
}  // namespace rp::evidence
