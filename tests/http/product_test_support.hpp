#pragma once
// The walk of an episode to its scheduled harvest, for the product tests that start there.
#include "../service/eligible_findings.hpp"
#include "http_test_support.hpp"

namespace rp::test {

// Screening, eligibility, work-up and a plan for today, each step by the role that takes it.
inline void walk_to_scheduled_harvest(store::Store& store, std::int64_t episode, const std::string& centre) {
  const service::Actor coordinator{"coordinator." + centre, service::Role::coordinator, centre};
  const service::Actor surgeon{"surgeon." + centre, service::Role::surgeon, centre};
  service::Pathway pathway(store, Clock::system());
  pathway.advance(coordinator, episode, {EpisodeState::screening, "", std::nullopt});
  pathway.assess_eligibility(surgeon, episode, eligible_hip_findings());
  pathway.advance(surgeon, episode, {EpisodeState::eligible, "", std::nullopt});
  pathway.advance(surgeon, episode, {EpisodeState::workup, "", std::nullopt});
  const CivilDate today = Clock::system().today();
  pathway.plan(coordinator, episode, today, today);
  pathway.advance(coordinator, episode, {EpisodeState::scheduled, "", std::nullopt});
}

}  // namespace rp::test
