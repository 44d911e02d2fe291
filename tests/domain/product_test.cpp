// The cell product's states and rules (domain/product/product.hpp): the lab's path, four
// eyes at release, failed criteria and the surgeon's exception, and the bedside verdict.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>

#include "base/error.hpp"
#include "domain/product/product.hpp"

namespace rp::product {
namespace {

constexpr std::string_view kNow = "2026-12-04T10:00:00.000Z";

Product releasable() {
  Product p;
  p.din = "A999926000001";
  p.patient_id = 7;
  p.state = State::awaiting_release;
  p.processed_by = "lab.tech";
  p.total_nucleated_cells = 2.5e8;
  p.viability_percent = 91;
  p.sterility.result = QcResult::passed;
  p.endotoxin.result = QcResult::passed;
  p.mycoplasma.result = QcResult::passed;
  p.expires_at = "2026-12-05T10:00:00.000Z";
  return p;
}

std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.code();
  }
  return "";
}

TEST(ProductStates, NamesReadBackAndFinalStatesGoNowhere) {
  EXPECT_EQ(all_states().size(), 9U);
  for (State s : all_states()) EXPECT_EQ(parse_state(to_string(s)), s);
  EXPECT_EQ(code_of([] { parse_state("shipped"); }), "not_one_of");
  for (State s : {State::used, State::discarded, State::expired}) EXPECT_TRUE(allowed_transitions(s).empty());
  EXPECT_NO_THROW(check_transition(State::received, State::processing));
  EXPECT_EQ(code_of([] { check_transition(State::received, State::released); }), "product_transition_not_allowed");
  EXPECT_EQ(code_of([] { check_transition(State::awaiting_release, State::used); }), "product_transition_not_allowed");
  EXPECT_EQ(code_of([] { check_transition(State::used, State::released); }), "product_transition_not_allowed");
}

TEST(ProductRelease, NeedsASecondPersonAndMetCriteria) {
  const ReleaseCriteria c;
  const Product p = releasable();
  EXPECT_TRUE(check_release(p, "lab.second", c, std::nullopt).empty());
  EXPECT_EQ(code_of([&] { check_release(p, "lab.tech", c, std::nullopt); }), "product_release_same_person");
  Product low = p;
  low.viability_percent = 69.9;
  EXPECT_EQ(failed_criteria(low, c), std::vector<std::string>{"viability"});
  EXPECT_EQ(code_of([&] { check_release(low, "lab.second", c, std::nullopt); }), "product_release_criteria_failed");
  // A surgeon's exception with a reason lets it through, and names what it covers.
  EXPECT_EQ(check_release(low, "lab.second", c, ReleaseException{"dr.a", "viability 69.9 %, repeat harvest refused"}),
            std::vector<std::string>{"viability"});
  EXPECT_EQ(code_of([&] { check_release(low, "lab.second", c, ReleaseException{"dr.a", "  "}); }), "required");
  // The exception never lifts four eyes.
  EXPECT_EQ(code_of([&] {
              check_release(low, "lab.tech", c, ReleaseException{"dr.a", "why"});
            }),
            "product_release_same_person");
  Product early = p;
  early.state = State::qc_pending;
  EXPECT_EQ(code_of([&] { check_release(early, "lab.second", c, std::nullopt); }), "product_transition_not_allowed");
}

TEST(ProductRelease, CriteriaComeFromTheProtocol) {
  Product p = releasable();
  p.sterility.result = QcResult::pending;
  EXPECT_EQ(failed_criteria(p, ReleaseCriteria{}), std::vector<std::string>{"sterility"});
  EXPECT_TRUE(failed_criteria(p, ReleaseCriteria{70, true, true}).empty());
  p.method = Method::culture_expansion;
  EXPECT_EQ(failed_criteria(p, ReleaseCriteria{70, true, true}), std::vector<std::string>{"isct_markers"});
  p.isct_markers_met = true;
  EXPECT_TRUE(failed_criteria(p, ReleaseCriteria{70, true, true}).empty());
  p.viability_percent = 75;
  EXPECT_EQ(failed_criteria(p, ReleaseCriteria{80, true, true}), std::vector<std::string>{"viability"});
}

TEST(ProductBedside, EachReasonToRefuse) {
  Product p = releasable();
  p.state = State::released;
  EXPECT_EQ(bedside_verdict(p, 7, kNow), Verdict::ok);
  EXPECT_EQ(bedside_verdict(p, 8, kNow), Verdict::wrong_patient);
  EXPECT_EQ(bedside_verdict(p, 7, "2026-12-05T10:00:00.000Z"), Verdict::expired);
  Product q = p;
  q.sterility.result = QcResult::failed;  // a culture that turned positive after release
  EXPECT_EQ(bedside_verdict(q, 7, kNow), Verdict::failed_qc);
  q.exception_criteria = {"sterility"};
  EXPECT_EQ(bedside_verdict(q, 7, kNow), Verdict::ok);
  const std::pair<State, Verdict> by_state[] = {{State::received, Verdict::not_released},
                                                {State::processing, Verdict::not_released},
                                                {State::qc_pending, Verdict::not_released},
                                                {State::awaiting_release, Verdict::not_released},
                                                {State::discarded, Verdict::not_released},
                                                {State::quarantined, Verdict::quarantined},
                                                {State::used, Verdict::used},
                                                {State::expired, Verdict::expired}};
  for (const auto& [state, verdict] : by_state) {
    Product s = p;
    s.state = state;
    EXPECT_EQ(bedside_verdict(s, 7, kNow), verdict) << to_string(state);
    // Another patient's product is refused as such, whatever its state.
    EXPECT_EQ(bedside_verdict(s, 9, kNow), Verdict::wrong_patient) << to_string(state);
  }
}

// Random sequences of lab and bedside operations on a few products of a few patients:
// whatever the order, a product is injected only into its donor, only once, only released,
// unexpired and without an uncovered QC failure.
TEST(ProductProperty, RandomOperationsNeverInjectIntoAnyoneButTheDonor) {
  std::mt19937 rng(20261204);
  int injections = 0, refusals = 0;
  const std::string people[] = {"lab.a", "lab.b", "dr.c"};
  for (int round = 0; round < 300; ++round) {
    std::vector<Product> products(4);
    for (std::size_t i = 0; i < products.size(); ++i) {
      products[i].id = static_cast<std::int64_t>(i) + 1;
      products[i].patient_id = static_cast<std::int64_t>(i % 3) + 1;
      products[i].expires_at = "2026-12-04T12:00:00.000Z";
    }
    std::map<std::int64_t, std::int64_t> injected_into;
    for (int step = 0; step < 60; ++step) {
      Product& p = products[rng() % products.size()];
      const std::string now = rng() % 8 == 0 ? "2026-12-04T13:00:00.000Z" : "2026-12-04T09:00:00.000Z";
      switch (rng() % 6) {
        case 0: {  // a step: often the lab's next, else an allowed one, at times any state at all
          const auto next = allowed_transitions(p.state);
          const auto& states = rng() % 4 == 0 || next.empty() ? all_states() : next;
          const State to = rng() % 2 && !next.empty() ? next.front() : states[rng() % states.size()];
          if (to == State::released || to == State::used) break;  // only through release and injection
          try {
            check_transition(p.state, to);
            p.state = to;
            if (to == State::processing) p.processed_by = people[rng() % 3];
          } catch (const ConflictError&) {
          }
          break;
        }
        case 1:  // counts and QC
          p.total_nucleated_cells = 1e8;
          p.viability_percent = static_cast<double>(60 + rng() % 40);
          p.sterility.result = rng() % 2 ? QcResult::passed : static_cast<QcResult>(rng() % 4);
          break;
        case 2:  // release, sometimes with an exception
          try {
            std::optional<ReleaseException> ex;
            if (rng() % 2) ex = ReleaseException{"dr.c", "documented"};
            p.exception_criteria = check_release(p, people[rng() % 3], ReleaseCriteria{}, ex);
            p.state = State::released;
          } catch (const InputError&) {
          }
          break;
        default: {  // a bedside scan with some patient, injecting when the verdict is ok
          const std::int64_t patient = static_cast<std::int64_t>(rng() % 3) + 1;
          if (bedside_verdict(p, patient, now) != Verdict::ok) {
            ++refusals;
          } else {
            ASSERT_EQ(patient, p.patient_id);
            ASSERT_EQ(p.state, State::released);
            ASSERT_LT(now, p.expires_at);
            ASSERT_FALSE(injected_into.count(p.id)) << "injected twice";
            injected_into[p.id] = patient;
            p.state = State::used;
            ++injections;
          }
        }
      }
    }
    for (const auto& [id, patient] : injected_into)
      EXPECT_EQ(patient, products[static_cast<std::size_t>(id - 1)].patient_id);
  }
  // The sequences did reach the bedside both ways: the property is not vacuous.
  EXPECT_GT(injections, 10);
  EXPECT_GT(refusals, 500);
}

}  // namespace
}  // namespace rp::product
