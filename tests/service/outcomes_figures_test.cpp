// The outcome report's figures on registries small enough to compute by hand.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "outcomes_test_support.hpp"

namespace rp {
namespace {

using service::compute_outcome_report;
using test::PatientSpec;

const service::ResponderRate& rate(const service::ScopeReport& s, ResponderDefinition d, int tp) {
  for (const auto& r : s.responders)
    if (r.definition == d && r.time_point == tp) return r;
  throw std::out_of_range("no such rate");
}

service::ReportView both() { return {{"centre-a", "centre-b"}, true}; }

// Five patients: conversions on days 10 (a) and 15 (b); censored on 20 (a), 30 (a), 40 (b).
std::vector<PatientSpec> five() {
  return {{0, 10, true}, {1, 15, true}, {0, 20, false}, {0, 30, false}, {1, 40, false}};
}

TEST(OutcomesFigures, KaplanMeierAtADayByHand) {
  auto in = test::small_inputs(400);
  in.survival_days = {12, 25, 35};
  const auto report = compute_outcome_report(test::registry(five()), in, {{"centre-a", "centre-b"}, true});
  const auto& overall = report.scopes[0].survival;
  EXPECT_EQ(overall.n, 5);
  EXPECT_EQ(overall.events, 2);
  // S(12) = 4/5; S(25) = 4/5 * 3/4 = 0.6 (censoring at 20 leaves it); 2 still at risk at 25.
  EXPECT_DOUBLE_EQ(overall.at[0].surv, 0.8);
  EXPECT_DOUBLE_EQ(overall.at[1].surv, 0.6);
  EXPECT_EQ(overall.at[1].n_risk, 2);
  EXPECT_EQ(overall.at[2].n_risk, 1);
  EXPECT_EQ(overall.longest_follow_up_days, 40);
  // Censoring marks where follow-up ended without a replacement, on the curve's value there.
  ASSERT_EQ(overall.censored.size(), 3U);
  EXPECT_EQ(overall.censored[0].day, 20);
  EXPECT_DOUBLE_EQ(overall.censored[0].surv, 0.6);
  EXPECT_EQ(overall.censored[0].count, 1);
  EXPECT_EQ(overall.censored[2].day, 40);
  EXPECT_DOUBLE_EQ(overall.censored[2].surv, 0.6);
  EXPECT_EQ(report.scopes[2].survival.censored.size(), 1U);  // centre b: day 40 only
  // Centre a: 10 (event), 20, 30 -> S(25) = 2/3; centre b: 15 (event), 40 -> S(25) = 1/2.
  EXPECT_DOUBLE_EQ(report.scopes[1].survival.at[1].surv, 2.0 / 3);
  EXPECT_DOUBLE_EQ(report.scopes[2].survival.at[1].surv, 0.5);
  ASSERT_TRUE(report.log_rank.has_value());
  EXPECT_EQ(report.log_rank->test.df, 1);
}

TEST(OutcomesFigures, SurvivalClaimCountsKnownMissingAndWorstCase) {
  auto in = test::small_inputs(400);
  Claim c = test::claim_of(ClaimMetric::survival_free_of_thr, 0.7, 0.7, 1, 0);
  c.day = 25;
  in.claims.claims = {c};
  const auto report = compute_outcome_report(test::registry(five()), in, both());
  const auto& m = report.scopes[0].claims[0].measured;
  // Known at day 25: two converted before it, two followed past it; the one censored at 20 is missing.
  EXPECT_EQ(m.n, 4);
  EXPECT_EQ(m.events, 2);
  EXPECT_EQ(m.missing, 1);
  EXPECT_DOUBLE_EQ(m.estimate, 0.6);  // the Kaplan–Meier figure, not 2/4
  const auto worst = stats::wilson(2, 5);
  EXPECT_DOUBLE_EQ(m.worst_estimate, 0.4);
  EXPECT_DOUBLE_EQ(m.worst_lower, worst.lower);
  EXPECT_DOUBLE_EQ(m.worst_upper, worst.upper);
}

TEST(OutcomesFigures, ResponderCountsByHand) {
  const std::vector<PatientSpec> patients{
      {0, 200, false, 8, 4},    // 50 % less pain: IMMPACT 30 % and 50 %
      {0, 200, false, 10, 7},   // exactly 30 %: moderate only
      {1, 200, false, 5, 5},    // no change
      {1, 200, false, 6, NAN},  // due, no answer: missing
      {0, 100, true, 7, NAN},   // replaced on day 100: a known non-responder
      {1, 150, false, NAN, 2},  // no baseline: missing
  };
  const auto report = compute_outcome_report(test::registry(patients), test::small_inputs(400), both());
  const auto& nrs30 = rate(report.scopes[0], ResponderDefinition::nrs_30, 2);
  EXPECT_EQ(nrs30.n, 4);
  EXPECT_EQ(nrs30.responders, 2);
  EXPECT_EQ(nrs30.missing, 2);
  EXPECT_DOUBLE_EQ(nrs30.ci.estimate, 0.5);
  EXPECT_DOUBLE_EQ(nrs30.worst_case.estimate, 2.0 / 6);
  const auto& nrs50 = rate(report.scopes[0], ResponderDefinition::nrs_50, 2);
  EXPECT_EQ(nrs50.responders, 1);
  EXPECT_DOUBLE_EQ(nrs50.ci.lower, stats::wilson(1, 4).lower);
  // Centre b (scope 2): one no-change patient known, two missing.
  const auto& b = rate(report.scopes[2], ResponderDefinition::nrs_30, 2);
  EXPECT_EQ(b.n, 1);
  EXPECT_EQ(b.missing, 2);
}

TEST(OutcomesFigures, NotYetDueIsNeitherCountedNorMissing) {
  // The 6-month window closes on day 190; on day 100 nobody is due yet.
  const std::vector<PatientSpec> patients{{0, 100, false, 8, NAN}, {1, 100, false, 8, NAN}};
  const auto report = compute_outcome_report(test::registry(patients), test::small_inputs(100), both());
  const auto& r = rate(report.scopes[0], ResponderDefinition::nrs_30, 2);
  EXPECT_EQ(r.n, 0);
  EXPECT_EQ(r.missing, 0);
  EXPECT_TRUE(std::isnan(r.ci.estimate));
}

TEST(OutcomesFigures, CompletenessPerTimePoint) {
  const std::vector<PatientSpec> patients{
      {0, 200, false, 8, 4},    // answered both
      {0, 200, false, 8, NAN},  // answered baseline only
      {1, 50, true, 8, NAN},    // replaced before 6 months: not expected at 6 months
  };
  const auto report = compute_outcome_report(test::registry(patients), test::small_inputs(400), both());
  const auto& c = report.scopes[0].completeness;
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].due, 3);
  EXPECT_EQ(c[0].received, 3);
  EXPECT_EQ(c[2].due, 2);
  EXPECT_EQ(c[2].received, 1);
}

TEST(OutcomesFigures, TrajectoryMeanEqualsTTest) {
  const std::vector<PatientSpec> patients{{0, 200, false, 8, 4}, {0, 200, false, 6, 5}, {1, 200, false, 7, 5},
                                          {0, 200, false, 7, 6}, {1, 200, false, 9, 3}, {0, 200, false, 8, 4}};
  const auto report = compute_outcome_report(test::registry(patients), test::small_inputs(400), both());
  const auto& nrs = report.scopes[0].trajectories[0];
  ASSERT_EQ(nrs.measure, store::PromMeasure::nrs_pain);
  const std::vector<double> six{4, 5, 5, 6, 3, 4};
  const auto expected = stats::mean_ci(six);
  EXPECT_EQ(nrs.points[2].n, 6);
  EXPECT_DOUBLE_EQ(nrs.points[2].mean, expected.estimate);
  EXPECT_DOUBLE_EQ(nrs.points[2].lower, expected.lower);  // inside 0–10: the t interval as it is
  EXPECT_DOUBLE_EQ(nrs.points[2].upper, expected.upper);
  EXPECT_FALSE(nrs.points[2].truncated);
  // Centre b has two values: a mean, but too few answers for an interval.
  EXPECT_EQ(report.scopes[2].trajectories[0].points[2].n, 2);
  EXPECT_DOUBLE_EQ(report.scopes[2].trajectories[0].points[2].mean, 4);
  EXPECT_TRUE(std::isnan(report.scopes[2].trajectories[0].points[2].lower));
}

// Pain near the bottom of the 0–10 scale with a wide spread: the t interval reaches below
// 0 (0.8 ± 1.3), which no mean of 0–10 answers can; the interval stops at the scale.
TEST(OutcomesFigures, TrajectoryIntervalStaysInsideTheScale) {
  const std::vector<PatientSpec> patients{{0, 200, false, 8, 0},
                                          {0, 200, false, 6, 0},
                                          {0, 200, false, 7, 0},
                                          {0, 200, false, 7, 0},
                                          {0, 200, false, 9, 4}};
  const auto report = compute_outcome_report(test::registry(patients), test::small_inputs(400), both());
  const auto& p = report.scopes[0].trajectories[0].points[2];
  const auto t = stats::mean_ci(std::vector<double>{0, 0, 0, 0, 4});
  ASSERT_LT(t.lower, 0);  // what the plain t interval says
  EXPECT_DOUBLE_EQ(p.mean, 0.8);
  EXPECT_DOUBLE_EQ(p.lower, 0);
  EXPECT_DOUBLE_EQ(p.upper, t.upper);
  EXPECT_TRUE(p.truncated);
}

TEST(OutcomesFigures, BackToActivitiesAndSeriousEvents) {
  auto in = test::small_inputs(400);
  Claim back = test::claim_of(ClaimMetric::back_to_daily_activities, 0.9, 0.9, 1, 0);
  back.day = 14;
  Claim sae = test::claim_of(ClaimMetric::serious_adverse_event_rate, 0, 0.01, 1, 30);
  in.claims.claims = {back, sae};
  std::vector<PatientSpec> patients(4);
  patients[0] = {0, 200};
  patients[0].returned_after = 5;
  patients[1] = {0, 200};
  patients[1].returned_after = store::PromColumns::kNotYet;
  patients[2] = {1, 200};
  patients[2].serious_event = true;  // no return answer: missing
  patients[3] = {1, 20};             // followed 20 days, no answer, no event: missing for both
  const auto report = compute_outcome_report(test::registry(patients), in, both());
  const auto& b = report.scopes[0].claims[0].measured;
  EXPECT_EQ(b.n, 2);
  EXPECT_EQ(b.events, 1);
  EXPECT_EQ(b.missing, 2);
  const auto& s = report.scopes[0].claims[1].measured;
  EXPECT_EQ(s.n, 3);  // two followed >= 30 days without, one with a serious event
  EXPECT_EQ(s.events, 1);
  EXPECT_EQ(s.missing, 1);
  // Serious harm's worst case counts the missing patient as harmed, with the exact interval.
  const auto worst = stats::clopper_pearson(2, 4);
  EXPECT_DOUBLE_EQ(s.worst_estimate, 0.5);
  EXPECT_DOUBLE_EQ(s.worst_upper, worst.upper);
  EXPECT_DOUBLE_EQ(s.upper, stats::clopper_pearson(1, 3).upper);
  EXPECT_EQ(report.scopes[0].adverse_events.events_by_grade[3], 1);
  EXPECT_EQ(report.scopes[0].adverse_events.patients_with_serious, 1);
}

// Duration of benefit, by hand: of the joints responding (pain down 30 %) at 2 weeks,
// how many still respond at 6 months. NRS baseline, 2 weeks, 6 months:
//   P1 8, 4, 4   responder, still one                   -> counted, still responding
//   P2 8, 4, 7   responder, no longer (down 12.5 %)      -> counted, not responding
//   P3 8, 7, 2   not a responder at 2 weeks              -> not counted
//   P4 8, 4, -   responder; 6 months due, not answered  -> missing
//   P5 8, 4, -   responder; hip replaced on day 100     -> counted, not responding
// n = 3, still responding 1 (33 %); worst case 1 of 4.
TEST(OutcomesFigures, DurationOfBenefitByHand) {
  auto in = test::small_inputs(400);
  Claim lasting = test::claim_of(ClaimMetric::duration_of_benefit, 0.5, 1, 1, 0);
  lasting.definition = ResponderDefinition::nrs_30;
  lasting.time_point = "prom-2w";
  lasting.until = "prom-6m";
  in.claims.claims = {lasting};
  const std::vector<PatientSpec> patients{{0, 300, false, 8, 4},
                                          {0, 300, false, 8, 7},
                                          {1, 300, false, 8, 2},
                                          {1, 300, false, 8, NAN},
                                          {0, 100, true, 8, NAN}};
  auto columns = test::registry(patients);
  const double at_two_weeks[] = {4, 4, 7, 4, 4};
  for (std::size_t i = 0; i < patients.size(); ++i)
    columns.proms.set(store::PromMeasure::nrs_pain, 1, i, at_two_weeks[i]);
  const auto report = compute_outcome_report(columns, in, both());
  const service::ClaimResult& c = report.scopes[0].claims[0];
  EXPECT_EQ(c.measured.n, 3);
  EXPECT_EQ(c.measured.events, 1);
  EXPECT_EQ(c.measured.missing, 1);
  const auto ci = stats::wilson(1, 3), worst = stats::wilson(1, 4);
  EXPECT_DOUBLE_EQ(c.measured.estimate, 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.measured.lower, ci.lower);
  EXPECT_DOUBLE_EQ(c.measured.upper, ci.upper);
  EXPECT_DOUBLE_EQ(c.measured.worst_estimate, 0.25);
  EXPECT_DOUBLE_EQ(c.measured.worst_upper, worst.upper);
  // The claim is "at least half": the interval (about 6 % to 79 %) reaches it.
  EXPECT_EQ(c.judgement.verdict, Verdict::consistent);
  // Centre a: P1, P2 counted and P5 replaced, so 1 of 3; centre b: only P4, missing.
  EXPECT_EQ(report.scopes[1].claims[0].measured.n, 3);
  EXPECT_EQ(report.scopes[2].claims[0].measured.n, 0);
  EXPECT_EQ(report.scopes[2].claims[0].measured.missing, 1);
}

// A share of adverse events by category, and a protocol without claims or a funnel.
TEST(OutcomesFigures, AdverseEventShareByCategory) {
  auto in = test::small_inputs(400);
  Claim common = test::claim_of(ClaimMetric::adverse_event_share, 0.5, 1, 1, 0);
  common.categories = {"swelling"};
  in.claims.claims = {common};
  in.funnel_time_point.clear();
  std::vector<PatientSpec> patients(3, PatientSpec{0, 300});
  auto c = test::registry(patients);
  auto& a = c.adverse_events;
  a.category_names = {"swelling", "fever"};
  for (const auto& [row, category] : std::vector<std::pair<int, int>>{{0, 0}, {1, 0}, {1, 1}, {2, 0}}) {
    a.episode_row.push_back(row);
    a.ctcae_grade.push_back(1);
    a.serious.push_back(0);
    a.assessed.push_back(1);
    a.category.push_back(static_cast<std::int16_t>(category));
  }
  const auto report = compute_outcome_report(c, in, both());
  const auto& m = report.scopes[0].claims[0].measured;
  EXPECT_EQ(m.n, 4);
  EXPECT_EQ(m.events, 3);
  const auto& by = report.scopes[0].adverse_events.by_category;
  ASSERT_EQ(by.size(), 2u);
  EXPECT_EQ(by[0], (std::pair<std::string, std::int64_t>{"swelling", 3}));
  EXPECT_EQ(by[1], (std::pair<std::string, std::int64_t>{"fever", 1}));
  EXPECT_FALSE(report.funnel.has_value());
}

TEST(OutcomesFigures, OtherCentresAreUnnamedForACentresStaff) {
  auto report = compute_outcome_report(test::registry(five()), test::small_inputs(400), {{"centre-b"}, false});
  ASSERT_EQ(report.scopes.size(), 2u);
  EXPECT_EQ(*report.scopes[1].centre_id, "centre-b");
  EXPECT_EQ(report.funnel->centres[0].label, "other centre");
  EXPECT_EQ(report.funnel->centres[1].label, "centre-b");
  EXPECT_TRUE(report.funnel->centres[1].own);
  // No figure is labelled with the centre the reader may not see (the answer's JSON is
  // checked in tests/api/outcome_report_answer_test.cpp).
  for (const auto& scope : report.scopes) EXPECT_NE(scope.centre_id.value_or(""), "centre-a");
  for (const auto& c : report.funnel->centres) EXPECT_NE(c.label, "centre-a");
  if (report.log_rank) {
    for (const auto& label : report.log_rank->labels) EXPECT_NE(label, "centre-a");
  }
}

TEST(OutcomesFigures, UnknownCentreIsNotFound) {
  EXPECT_THROW(compute_outcome_report(test::registry(five()), test::small_inputs(400), {{"nowhere"}, true}),
               NotFoundError);
}

}  // namespace
}  // namespace rp
