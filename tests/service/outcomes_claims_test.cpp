// Claims: the shipped file, parse errors with line and key, and the verdict rules at
// their boundaries.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "outcomes_test_support.hpp"

namespace rp {
namespace {

ClaimMeasurement measured(std::int64_t n, double lower, double upper, int follow_up = 1000) {
  ClaimMeasurement m;
  m.n = n;
  m.estimate = (lower + upper) / 2;
  m.lower = lower;
  m.upper = upper;
  m.worst_estimate = m.estimate;
  m.worst_lower = lower;
  m.worst_upper = upper;
  m.longest_follow_up_days = follow_up;
  return m;
}

// The article's measurable statements, and those it makes that the clinic's data cannot
// test, each with why.
TEST(Claims, SeedFileHoldsTheArticlesClaims) {
  const ClaimSet set = parse_claims(test::read_source_file("claims/seed-claims.yaml"), "seed-claims.yaml");
  ASSERT_EQ(set.claims.size(), 12u);
  auto find = [&](const std::string& id) -> const Claim& {
    for (const Claim& c : set.claims)
      if (c.id == id) return c;
    ADD_FAILURE() << id;
    return set.claims[0];
  };
  EXPECT_DOUBLE_EQ(find("success-75-85").low, 0.75);
  EXPECT_DOUBLE_EQ(find("success-75-85").high, 0.85);
  EXPECT_EQ(find("free-of-replacement-70-2y").metric, ClaimMetric::survival_free_of_thr);
  EXPECT_EQ(find("free-of-replacement-70-2y").day, 730);
  const Claim& serious = find("serious-side-effects-under-1");
  EXPECT_EQ(serious.favourable, Favourable::low);
  EXPECT_DOUBLE_EQ(serious.high, 0.01);
  EXPECT_EQ(find("benefit-lasts-2y").until, "prom-24m");
  const Claim& common = find("common-side-effects-injection-site");
  EXPECT_EQ(common.metric, ClaimMetric::adverse_event_share);
  EXPECT_EQ(common.categories, (std::vector<std::string>{"injection_site_pain", "swelling", "effusion", "flare"}));
  int not_testable = 0;
  for (const Claim& c : set.claims) {
    EXPECT_FALSE(c.words.en.empty());
    EXPECT_FALSE(c.words.fa.empty());
    if (c.metric == ClaimMetric::not_testable) {
      ++not_testable;
      EXPECT_FALSE(c.note.en.empty()) << c.id << ": says why it cannot be tested";
      EXPECT_FALSE(c.note.fa.empty()) << c.id;
      EXPECT_EQ(judge(c, {}).verdict, Verdict::not_testable);
    } else {
      EXPECT_GT(c.min_n, 0) << c.id;
    }
  }
  EXPECT_EQ(not_testable, 4);
}

TEST(Claims, NotTestableTakesOnlyWordsAndANote) {
  const std::string head = "version: 1\nsource: {en: a, fa: b}\nclaims:\n  - id: x\n    words: {en: a, fa: b}\n";
  EXPECT_THROW(parse_claims(head + "    metric: not_testable\n", "c.yaml"), InputError);  // no note
  EXPECT_THROW(
      parse_claims(head + "    note: {en: a, fa: b}\n    metric: not_testable\n    claimed: {value: 0.5}\n", "c.yaml"),
      InputError);
  EXPECT_EQ(parse_claims(head + "    note: {en: a, fa: b}\n    metric: not_testable\n", "c.yaml").claims[0].metric,
            ClaimMetric::not_testable);
  // A share names real adverse event categories.
  EXPECT_THROW(parse_claims(head + "    metric: adverse_event_share\n    categories: [sneezing]\n"
                                   "    claimed: {at_least: 0.5}\n    minimum: {n: 30, follow_up_days: 0}\n",
                            "c.yaml"),
               InputError);
}

// While an adverse event waits to be graded, or a red flag to be triaged, a harm claim has
// no verdict: the missing grade could be the serious one.
TEST(Claims, AHarmClaimWaitsForEveryEventToBeAssessed) {
  Claim c = test::claim_of(ClaimMetric::serious_adverse_event_rate, 0, 0.01, 1, 0);
  ClaimMeasurement m;
  m.n = 400;
  m.estimate = 0.0;
  m.lower = 0.0;
  m.upper = 0.009;
  m.longest_follow_up_days = 400;
  m.worst_lower = 0;
  m.worst_upper = 0.009;
  EXPECT_EQ(judge(c, m).verdict, Verdict::consistent);
  m.awaiting_assessment = 1;
  const Judgement j = judge(c, m);
  EXPECT_EQ(j.verdict, Verdict::not_measurable);
  EXPECT_EQ(j.reason, "events_not_assessed");
}

TEST(Claims, ErrorsNameTheLineAndTheKey) {
  const std::string text =
      "version: 1\n"
      "source: {en: a, fa: b}\n"
      "claims:\n"
      "  - id: x\n"
      "    words: {en: a, fa: b}\n"
      "    metric: responder_rate\n"
      "    definition: omeract_oarsi\n"
      "    time_point: prom-6m\n"
      "    claimed: {value: 1.5}\n"
      "    minimum: {n: 10, follow_up_days: 0}\n";
  try {
    parse_claims(text, "c.yaml");
    FAIL() << "accepted a proportion of 1.5";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "claims[0].claimed.value");
    EXPECT_NE(std::string(e.what()).find("c.yaml line 9"), std::string::npos) << e.what();
  }
  try {
    parse_claims("version: 1\nsource: {en: a, fa: b}\nclaims:\n  - id: x\n    metric: nonsense\n", "c.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "claims[0].words");
  }
  EXPECT_THROW(parse_claims("version: [", "c.yaml"), InputError);
}

TEST(Claims, VerdictAtTheBoundaries) {
  Claim c = test::claim_of(ClaimMetric::responder_rate, 0.75, 0.85, 30, 365);
  // The CI touching the claimed range includes it.
  EXPECT_EQ(judge(c, measured(30, 0.60, 0.75)).verdict, Verdict::consistent);
  EXPECT_EQ(judge(c, measured(30, 0.85, 0.95)).verdict, Verdict::consistent);
  EXPECT_EQ(judge(c, measured(30, 0.60, 0.7499999)).verdict, Verdict::contradicted);
  EXPECT_EQ(judge(c, measured(30, 0.8500001, 0.95)).verdict, Verdict::contradicted);
  EXPECT_EQ(judge(c, measured(30, 0.60, 0.7499999)).reason, "ci_excludes_claim");
  // One patient short of the minimum, or follow-up one day short: no verdict, whatever the CI.
  const Judgement few = judge(c, measured(29, 0.1, 0.2));
  EXPECT_EQ(few.verdict, Verdict::insufficient_data);
  EXPECT_EQ(few.reason, "n_below_minimum");
  EXPECT_EQ(judge(c, measured(300, 0.1, 0.2, 364)).reason, "follow_up_too_short");
  EXPECT_EQ(judge(c, measured(300, 0.1, 0.2, 365)).verdict, Verdict::contradicted);
  EXPECT_EQ(judge(c, measured(300, NAN, NAN)).reason, "not_estimable");
}

TEST(Claims, WorstCaseCanTurnAVerdict) {
  Claim c = test::claim_of(ClaimMetric::responder_rate, 0.8, 0.8, 10, 0);
  ClaimMeasurement m = measured(50, 0.7, 0.9);
  m.worst_lower = 0.5;
  m.worst_upper = 0.7;
  const Judgement j = judge(c, m);
  EXPECT_EQ(j.verdict, Verdict::consistent);
  EXPECT_EQ(j.worst_case, Verdict::contradicted);
}

}  // namespace
}  // namespace rp
