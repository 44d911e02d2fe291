// The cross-centre comparison adjusted for case mix, on registries whose answer is known
// by construction: a centre whose patients simply have worse hips is not worse once the
// model accounts for them.
#include <gtest/gtest.h>

#include <numeric>

#include "outcomes_test_support.hpp"

namespace rp {
namespace {

using test::PatientSpec;

// `n` patients of one centre and KL grade, `responders` of whom halve their pain by
// 6 months; every `convert_every`-th is replaced on day 100 + k (a known non-responder).
void add(std::vector<PatientSpec>& ps, std::vector<std::int8_t>& kl, int centre, std::int8_t grade, int n,
         int responders, int convert_every) {
  for (int k = 0; k < n; ++k) {
    const bool converted = convert_every > 0 && k % convert_every == 0 && k >= responders;
    const double nrs6 = k < responders ? 3 : 8;
    ps.push_back({centre, converted ? 100 + k : 300 + k, converted, 8, converted ? NAN : nrs6});
    kl.push_back(grade);
  }
}

struct Built {
  store::OutcomeColumns cols;
  service::OutcomeInputs in;
};

// Centre a: 40 joints of KL 2 (32 respond) and 10 of KL 4 (2 respond); centre b the other
// way round. Within each grade both centres do the same.
Built confounded() {
  std::vector<PatientSpec> ps;
  std::vector<std::int8_t> kl;
  add(ps, kl, 0, 2, 40, 32, 4);
  add(ps, kl, 0, 4, 10, 2, 2);
  add(ps, kl, 1, 2, 10, 8, 4);
  add(ps, kl, 1, 4, 40, 8, 2);
  Built b{test::registry(ps), test::small_inputs(800)};
  b.cols.episodes.kl_grade = kl;
  b.cols.episodes.age_band.assign(ps.size(), 12);
  b.cols.episodes.cell_source.assign(ps.size(), 0);
  b.in.funnel_definition = ResponderDefinition::nrs_50;
  return b;
}

const outcomes::AdjustedUnit& unit(const outcomes::AdjustedComparison& c, const std::string& label) {
  for (const auto& u : c.units)
    if (u.label == label) return u;
  throw std::out_of_range(label);
}

TEST(CrossCentre, CaseMixExplainsTheCrudeDifference) {
  const Built b = confounded();
  const auto report = service::compute_outcome_report(b.cols, b.in, {{"centre-a", "centre-b"}, true});
  ASSERT_TRUE(report.cross_centre.has_value());
  const auto& r = report.cross_centre->responders;
  ASSERT_TRUE(r.adjusted) << (r.warnings.empty() ? "" : std::string(to_string(r.warnings[0])));
  EXPECT_EQ(r.n, 100);
  EXPECT_EQ(r.events, 50);
  const auto &a = unit(r, "centre-a"), &bb = unit(r, "centre-b");
  // Crude: 34/50 against 16/50; adjusted: both exactly as expected for their hips.
  EXPECT_EQ(a.observed, 34);
  EXPECT_EQ(bb.observed, 16);
  EXPECT_NEAR(a.expected, 40 * 0.8 + 10 * 0.2, 1e-9);
  EXPECT_NEAR(a.ratio, 1.0, 1e-9);
  EXPECT_NEAR(bb.ratio, 1.0, 1e-9);
  EXPECT_NEAR(a.adjusted_rate, 0.5, 1e-9);
  EXPECT_LE(a.lower95, 1.0);
  EXPECT_GE(a.upper95, 1.0);
  EXPECT_LT(a.lower998, a.lower95);
  // The unadjusted funnel counts the same responders.
  ASSERT_TRUE(report.funnel.has_value());
  EXPECT_EQ(report.funnel->centres[0].responders, 34);
  // One term: KL 4 against KL 2 (the most frequent is a tie, the lowest wins); OR = (0.2/0.8)/(0.8/0.2).
  ASSERT_EQ(r.terms.size(), 1U);
  EXPECT_EQ(r.terms[0].factor, "kl_grade");
  EXPECT_EQ(r.terms[0].level, "4");
  EXPECT_EQ(r.terms[0].reference, "2");
  EXPECT_NEAR(r.terms[0].ratio, 1.0 / 16, 1e-7);
  EXPECT_FALSE(r.limits.empty());
}

TEST(CrossCentre, ExpectedEventsAddUpToObservedAcrossTheRegistry) {
  Built b = confounded();
  // Some grades unknown: an "unknown" level of their own, never a dropped joint.
  for (std::size_t i = 0; i < b.cols.episodes.size(); i += 7) b.cols.episodes.kl_grade[i] = -1;
  const auto report = service::compute_outcome_report(b.cols, b.in, {{"centre-a"}, false});
  const auto& cc = *report.cross_centre;
  for (const auto* c : {&cc.responders, &cc.survival}) {
    ASSERT_TRUE(c->adjusted);
    double observed = 0, expected = 0;
    for (const auto& u : c->units) observed += u.observed, expected += u.expected;
    EXPECT_NEAR(observed, expected, 1e-6);
    EXPECT_EQ(observed, static_cast<double>(c->events));
    const bool has_unknown =
        std::any_of(c->terms.begin(), c->terms.end(), [](const auto& t) { return t.level == "unknown"; });
    EXPECT_TRUE(has_unknown);
  }
  EXPECT_EQ(cc.survival.n, 100);  // every treated joint
  EXPECT_EQ(unit(cc.survival, "other centre").n, 50);
}

TEST(CrossCentre, TooFewEventsGiveNoAdjustedFigureAndSayWhy) {
  std::vector<PatientSpec> ps;
  std::vector<std::int8_t> kl;
  add(ps, kl, 0, 2, 8, 4, 0);
  add(ps, kl, 1, 3, 8, 4, 0);
  Built b{test::registry(ps), test::small_inputs(800)};
  b.cols.episodes.kl_grade = kl;
  b.in.funnel_definition = ResponderDefinition::nrs_50;
  const auto report = service::compute_outcome_report(b.cols, b.in, {{"centre-a", "centre-b"}, true});
  const auto& r = report.cross_centre->responders;
  EXPECT_FALSE(r.adjusted);
  EXPECT_EQ(r.n, 16);
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_EQ(r.warnings[0], outcomes::FitWarning::too_few_events);
  EXPECT_TRUE(r.units.empty());
  EXPECT_FALSE(report.cross_centre->survival.adjusted);  // no conversions at all
}

TEST(CrossCentre, OperatorsOfOneCentreOnlyWhenAskedFor) {
  Built b = confounded();
  b.cols.operator_ids = {"op-1", "op-2"};
  auto& op = b.cols.episodes.injecting_operator;
  for (std::size_t i = 0; i < b.cols.episodes.size(); ++i) op.push_back(i % 3 == 0 ? -1 : static_cast<int>(i % 2));
  service::ReportView view{{"centre-a"}, false};
  EXPECT_FALSE(service::compute_outcome_report(b.cols, b.in, view).by_operator.has_value());
  view.operators_of = "centre-a";
  const auto report = service::compute_outcome_report(b.cols, b.in, view);
  ASSERT_TRUE(report.by_operator.has_value());
  const auto& ops = *report.by_operator;
  EXPECT_EQ(ops.centre_id, "centre-a");
  std::int64_t n = 0;
  for (const auto& u : ops.figures.responders.units) n += u.n;
  EXPECT_EQ(n, 50);  // centre a's joints only, the unrecorded operator as "unknown"
  EXPECT_EQ(unit(ops.figures.responders, "unknown").n, 17);
  ASSERT_EQ(ops.cusums.size(), 3U);
  std::size_t charted = 0;
  for (const auto& c : ops.cusums) {
    charted += c.value.size();
    for (double v : c.value) EXPECT_GE(v, 0);
  }
  EXPECT_EQ(charted, 50U);
}

}  // namespace
}  // namespace rp
