#include <gtest/gtest.h>

#include <algorithm>

#include "base/error.hpp"
#include "domain/episode.hpp"

namespace rp {
namespace {

using S = EpisodeState;

TEST(EpisodeStateMachine, TheMainPathIsAllowed) {
  const std::vector<S> path{S::referred,  S::screening,        S::eligible, S::workup,    S::scheduled,
                            S::harvested, S::product_released, S::injected, S::follow_up, S::completed};
  for (std::size_t i = 0; i + 1 < path.size(); ++i) EXPECT_NO_THROW(check_transition(path[i], path[i + 1], ""));
}

TEST(EpisodeStateMachine, SkippingAStepIsRefusedNamingBothStates) {
  try {
    check_transition(S::screening, S::injected, "");
    FAIL();
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.field(), "state");
    const std::string m = e.what();
    EXPECT_NE(m.find("screening"), std::string::npos);
    EXPECT_NE(m.find("injected"), std::string::npos);
  }
  EXPECT_THROW(check_transition(S::referred, S::harvested, ""), ConflictError);
  EXPECT_THROW(check_transition(S::harvested, S::injected, ""), ConflictError);  // the lab releases first
}

TEST(EpisodeStateMachine, FinalStatesGoNowhere) {
  for (S s : {S::withdrawn, S::converted_to_thr}) {
    EXPECT_TRUE(allowed_transitions(s).empty());
    for (S to : all_episode_states()) EXPECT_THROW(check_transition(s, to, "why"), ConflictError);
  }
}

TEST(EpisodeStateMachine, ExitsNeedAReason) {
  EXPECT_THROW(check_transition(S::follow_up, S::withdrawn, " "), InputError);
  EXPECT_THROW(check_transition(S::screening, S::ineligible, ""), InputError);
  EXPECT_THROW(check_transition(S::follow_up, S::converted_to_thr, ""), InputError);
  EXPECT_NO_THROW(check_transition(S::follow_up, S::converted_to_thr, "THR for pain"));
}

TEST(EpisodeStateMachine, EveryStateNameRoundTrips) {
  EXPECT_EQ(all_episode_states().size(), 14u);
  for (S s : all_episode_states()) EXPECT_EQ(parse_episode_state(to_string(s)), s);
  EXPECT_THROW(parse_episode_state("done"), InputError);
}

TEST(Diagnosis, CodeSystemsAndLaterality) {
  EXPECT_NO_THROW(validate_diagnosis({std::string(kIcd10Cm), "M16.11"}, Side::right));
  EXPECT_THROW(validate_diagnosis({std::string(kIcd10Cm), "M16.11"}, Side::left), InputError);
  EXPECT_THROW(validate_diagnosis({std::string(kIcd10Cm), "M16.1"}, Side::left), InputError);  // WHO-only code
  EXPECT_NO_THROW(validate_diagnosis({std::string(kIcd10Who), "M16.1"}, Side::left));
  EXPECT_THROW(validate_diagnosis({std::string(kIcd10Who), "M16.11"}, Side::right), InputError);
  EXPECT_THROW(validate_diagnosis({std::string(kIcd10Cm), "M17.11"}, Side::right), InputError);  // knee
  // A knee protocol takes knee codes, and only those.
  EXPECT_NO_THROW(validate_diagnosis({std::string(kIcd10Cm), "M17.11"}, Side::right, "knee"));
  EXPECT_NO_THROW(validate_diagnosis({std::string(kIcd10Who), "M17.1"}, Side::left, "knee"));
  EXPECT_THROW(validate_diagnosis({std::string(kIcd10Cm), "M17.12"}, Side::right, "knee"), InputError);
  EXPECT_THROW(validate_diagnosis({std::string(kIcd10Cm), "M16.11"}, Side::right, "knee"), InputError);
  EXPECT_THROW(validate_diagnosis({"http://snomed.info/sct", "239872002"}, Side::right), InputError);
}

TEST(Episode, GradesInRange) {
  Episode e;
  e.diagnosis = {std::string(kIcd10Cm), "M16.9"};
  e.kl_grade = 5;
  EXPECT_THROW(validate_episode(e), InputError);
  e.kl_grade = 4;
  e.tonnis_grade = 4;
  EXPECT_THROW(validate_episode(e), InputError);
  e.tonnis_grade = 3;
  EXPECT_NO_THROW(validate_episode(e));
}

}  // namespace
}  // namespace rp
