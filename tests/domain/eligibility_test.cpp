#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/answers_json.hpp"
#include "base/error.hpp"
#include "domain/eligibility.hpp"
#include "test_protocols.hpp"

namespace rp {
namespace {

nlohmann::json clean() {
  return {{"kl_grade", 2},
          {"active_infection", false},
          {"malignancy", false},
          {"bleeding_disorder", false},
          {"pregnancy", false},
          {"inflammatory_arthritis", false},
          {"weeks_since_intra_articular_steroid", 30},
          {"anticoagulant_use", false},
          {"diabetes", false},
          {"bmi", 27}};
}

EligibilityResult assess(const nlohmann::json& j) {
  const auto& rules = test::hip_protocol().eligibility;
  return assess_eligibility(rules, check_findings(api::recorded_findings(j), rules));
}

bool has_reason(const EligibilityResult& r, const std::string& rule, const std::string& kind) {
  for (const auto& reason : r.reasons) {
    if (reason.rule == rule && reason.kind == kind) return true;
  }
  return false;
}

TEST(Eligibility, MildToModerateWithNothingElseIsEligible) {
  for (int kl : {2, 3}) {
    auto j = clean();
    j["kl_grade"] = kl;
    const auto r = assess(j);
    EXPECT_EQ(r.decision, Decision::eligible);
    EXPECT_TRUE(has_reason(r, "mild_to_moderate_oa", "indication"));
  }
}

TEST(Eligibility, SevereOrNoOaIsIneligible) {
  auto j = clean();
  j["kl_grade"] = 4;
  auto r = assess(j);
  EXPECT_EQ(r.decision, Decision::ineligible);
  EXPECT_TRUE(has_reason(r, "severe_oa", "exclusion"));
  j["kl_grade"] = 1;
  r = assess(j);
  EXPECT_EQ(r.decision, Decision::ineligible);
  EXPECT_TRUE(has_reason(r, "mild_to_moderate_oa", "indication_not_met"));
}

TEST(Eligibility, EveryExclusionExcludesAndIsListed) {
  for (const char* f : {"active_infection", "malignancy", "bleeding_disorder", "pregnancy", "inflammatory_arthritis"}) {
    auto j = clean();
    j[f] = true;
    j["diabetes"] = true;  // a caution too: still ineligible, and both are listed
    const auto r = assess(j);
    EXPECT_EQ(r.decision, Decision::ineligible) << f;
    EXPECT_TRUE(has_reason(r, f, "exclusion")) << f;
    EXPECT_TRUE(has_reason(r, "diabetes", "caution")) << f;
  }
  auto j = clean();
  j["weeks_since_intra_articular_steroid"] = 11;
  EXPECT_EQ(assess(j).decision, Decision::ineligible);
  j["weeks_since_intra_articular_steroid"] = 12;
  EXPECT_EQ(assess(j).decision, Decision::eligible);
}

TEST(Eligibility, CautionsAndMissingFindingsNeedReview) {
  auto j = clean();
  j["anticoagulant_use"] = true;
  auto r = assess(j);
  EXPECT_EQ(r.decision, Decision::needs_review);
  EXPECT_TRUE(has_reason(r, "anticoagulant", "caution"));
  j = clean();
  j["bmi"] = 35;
  EXPECT_EQ(assess(j).decision, Decision::eligible);
  j["bmi"] = 35.5;
  EXPECT_EQ(assess(j).decision, Decision::needs_review);
  j = clean();
  j.erase("pregnancy");
  r = assess(j);
  EXPECT_EQ(r.decision, Decision::needs_review);
  EXPECT_TRUE(has_reason(r, "pregnancy", "missing"));
  j = clean();
  j["malignancy"] = nullptr;
  EXPECT_EQ(assess(j).decision, Decision::needs_review);
}

TEST(Eligibility, BadFindingsNameTheFinding) {
  auto field = [](nlohmann::json j) {
    try {
      assess(j);
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  auto j = clean();
  j["kl_grad"] = 2;
  EXPECT_EQ(field(j), "kl_grad");
  j = clean();
  j["kl_grade"] = 5;
  EXPECT_EQ(field(j), "kl_grade");
  j = clean();
  j["kl_grade"] = 2.5;
  EXPECT_EQ(field(j), "kl_grade");
  j = clean();
  j["pregnancy"] = "no";
  EXPECT_EQ(field(j), "pregnancy");
  j = clean();
  j["bmi"] = -1;
  EXPECT_EQ(field(j), "bmi");
  EXPECT_EQ(field(nlohmann::json::array()), "findings");
}

}  // namespace
}  // namespace rp
