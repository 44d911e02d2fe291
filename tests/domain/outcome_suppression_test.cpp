// Small cells of the outcome report (domain/outcomes/suppression.hpp), on a hand-made
// report: every count of 1-4 patients is marked, 0 and 5 are not, and a lone hidden cell
// beside a shown total takes the next smallest with it.
#include <gtest/gtest.h>

#include "domain/outcomes/suppression.hpp"

namespace rp::outcomes {
namespace {

TEST(OutcomeSuppression, ACellOfOneToFourPatientsIsHiddenAndALoneOneTakesTheNextSmallest) {
  EXPECT_FALSE(small_cell(0));
  EXPECT_TRUE(small_cell(1));
  EXPECT_TRUE(small_cell(4));
  EXPECT_FALSE(small_cell(5));
  // One small cell beside a total: the smallest other non-zero one goes too.
  EXPECT_EQ(cells_to_hide({0, 3, 40, 7, 12}), (std::vector<bool>{false, true, false, true, false}));
  // Without a total shown, only the small one.
  EXPECT_EQ(cells_to_hide({3, 40, 7}, false), (std::vector<bool>{true, false, false}));
  // Two small cells hide each other.
  EXPECT_EQ(cells_to_hide({2, 40, 4}), (std::vector<bool>{true, false, true}));
  EXPECT_EQ(cells_to_hide({5, 40, 0}), (std::vector<bool>{false, false, false}));
}

ScopeReport scope(std::optional<std::string> centre, std::int64_t injected) {
  ScopeReport s;
  s.centre_id = std::move(centre);
  s.injected = injected;
  s.survival.n = injected;
  s.survival.events = 6;
  s.survival.at = {stats::KmPoint{}, stats::KmPoint{}};
  s.survival.at[0].n_risk = injected;
  s.survival.at[1].n_risk = 3;
  s.trajectories.push_back({PromMeasure::nrs_pain, {{0, 20, 6, 5, 7, false}, {1, 4, 3, 0, 6, false}}});
  s.responders.push_back({ResponderDefinition::omeract_oarsi, 1, 20, 18, 0, {}, {}});  // 2 did not respond
  s.responders.push_back({ResponderDefinition::omeract_oarsi, 2, 20, 10, 0, {}, {}});
  s.adverse_events.events_by_grade = {0, 9, 2, 6, 0, 0};
  s.adverse_events.by_category = {{"swelling", 9}, {"flare", 8}, {"infection", 0}};
  s.adverse_events.serious_events = 0;
  s.adverse_events.patients = 20;
  s.completeness.push_back({1, 20, 19});  // 1 missing
  s.completeness.push_back({2, 20, 10});
  return s;
}

TEST(OutcomeSuppression, EveryAggregateOfAScopeIsCheckedAndCentresBesideTheTotalTooSo) {
  OutcomeReport r;
  r.scopes = {scope(std::nullopt, 60), scope("tehran-1", 30), scope("shiraz-1", 27), scope("mashhad-1", 3)};
  r.funnel = Funnel{};
  r.funnel->centres = {{"tehran-1", false, 30, 15}, {"shiraz-1", false, 27, 25}, {"mashhad-1", false, 3, 1}};
  const ReportSuppression s = small_cell_suppression(r);
  ASSERT_EQ(s.scopes.size(), 4u);
  EXPECT_TRUE(s.any());
  const ScopeSuppression& overall = s.scopes[0];
  EXPECT_FALSE(overall.injected);
  EXPECT_FALSE(overall.survival_counts);
  EXPECT_EQ(overall.at_risk, (std::vector<bool>{false, true}));
  EXPECT_EQ(overall.trajectory_points, (std::vector<std::vector<bool>>{{false, true}}));
  EXPECT_EQ(overall.responders, (std::vector<bool>{true, false}));
  // Grade 2 (2 events) alone beside the total: grade 3 (6) goes with it.
  EXPECT_EQ(overall.events_by_grade, (std::array<bool, 6>{false, false, true, true, false, false}));
  EXPECT_EQ(overall.by_category, (std::vector<bool>{false, false, false}));
  EXPECT_FALSE(overall.serious);
  EXPECT_EQ(overall.completeness, (std::vector<bool>{true, false}));
  // Mashhad's 3 treated are hidden, and Shiraz's 27 beside them (else 60 - 30 - 27 = 3).
  EXPECT_FALSE(s.scopes[1].injected);
  EXPECT_TRUE(s.scopes[2].injected);
  EXPECT_TRUE(s.scopes[3].injected);
  EXPECT_TRUE(s.scopes[3].survival_counts);
  EXPECT_EQ(s.funnel_centres, (std::vector<bool>{false, true, true}));
}

// Two centres beside the overall figures, 6 and 2 treated, none answered yet; in the
// log-rank and adjusted comparisons a third, larger centre too.
OutcomeReport two_centres() {
  OutcomeReport r;
  for (auto [centre, treated] : {std::pair<std::optional<std::string>, std::int64_t>{std::nullopt, 8},
                                 {std::string("a"), 6},
                                 {std::string("b"), 2}}) {
    ScopeReport s;
    s.centre_id = centre;
    s.injected = s.survival.n = treated;
    s.completeness.push_back({0, treated, 0});
    r.scopes.push_back(std::move(s));
  }
  r.log_rank = LogRankByCentre{{"a", "b", "c"}, {}};
  r.log_rank->test.n = {6, 2, 40};
  r.log_rank->test.observed = {1, 0, 20};
  r.cross_centre = CrossCentre{};
  r.cross_centre->responders.units = {{"a", true, 6, 0}, {"b", true, 2, 1}, {"c", true, 40, 20}};
  return r;
}

TEST(OutcomeSuppression, EachCountOfACentreBesideTheOverallOneTakesAnotherCentresWithIt) {
  const ReportSuppression s = small_cell_suppression(two_centres());
  // b's 2 hide a's 6 in every count where b's is hidden (8 - 6 = 2), not the overall's.
  for (std::size_t k : {1u, 2u}) {
    EXPECT_TRUE(s.scopes[k].injected) << k;
    EXPECT_TRUE(s.scopes[k].survival_counts) << k;
    EXPECT_EQ(s.scopes[k].completeness, std::vector<bool>{true}) << k;
  }
  EXPECT_FALSE(s.scopes[0].any());
  // Log-rank: a's 1 event and b's 2 patients are small; c's 40 and 20 stand.
  EXPECT_EQ(s.log_rank_groups, (std::vector<bool>{true, true, false}));
  // Adjusted units: b alone is small (2 joints), so the next smallest, a, goes with it.
  EXPECT_EQ(s.cross_centre_responders, (std::vector<bool>{true, true, false}));
}

TEST(OutcomeSuppression, ACentresStaffSeeTheirOwnWholeAndTheOverallWhereOthersAreNotSmall) {
  const OutcomeReport r = two_centres();
  // Centre a's staff: their own scope whole; the overall less theirs is b's 2: hidden.
  const ReportSuppression a = small_cell_suppression(r, std::string("a"));
  EXPECT_FALSE(a.scopes[1].any());
  EXPECT_TRUE(a.scopes[0].injected);
  EXPECT_TRUE(a.scopes[0].survival_counts);
  EXPECT_EQ(a.log_rank_groups, (std::vector<bool>{false, true, true}));  // b small; c beside it, never a
  EXPECT_EQ(a.cross_centre_responders, (std::vector<bool>{false, true, true}));
  // Centre b's staff: the overall less theirs is a's 6: shown.
  const ReportSuppression b = small_cell_suppression(r, std::string("b"));
  EXPECT_FALSE(b.scopes[2].any());
  EXPECT_FALSE(b.scopes[0].injected);
  EXPECT_FALSE(b.scopes[0].any());
}

}  // namespace
}  // namespace rp::outcomes
