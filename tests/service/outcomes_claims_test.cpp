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

TEST(Claims, SeedFileHoldsTheArticlesSixClaims) {
  const ClaimSet set = parse_claims(test::read_source_file("claims/seed-claims.yaml"), "seed-claims.yaml");
  ASSERT_EQ(set.claims.size(), 6u);
  EXPECT_EQ(set.claims[0].id, "success-75-85");
  EXPECT_DOUBLE_EQ(set.claims[0].low, 0.75);
  EXPECT_DOUBLE_EQ(set.claims[0].high, 0.85);
  EXPECT_EQ(set.claims[2].metric, ClaimMetric::survival_free_of_thr);
  EXPECT_EQ(set.claims[2].day, 730);
  EXPECT_EQ(set.claims[5].favourable, Favourable::low);
  EXPECT_DOUBLE_EQ(set.claims[5].high, 0.01);
  for (const Claim& c : set.claims) {
    EXPECT_FALSE(c.words.en.empty());
    EXPECT_FALSE(c.words.fa.empty());
    EXPECT_GT(c.min_n, 0);
  }
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
