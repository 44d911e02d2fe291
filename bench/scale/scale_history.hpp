#pragma once
// One generated patient of the scale bench: their record and one hip's course through the
// protocol, as the server would have stored it had the clinic entered every step on the
// day it happened. The schedule is the protocol's own (derive_schedule), the scores the
// instruments' own, the rows of events and red flags those the use cases make; the
// pieces the demo has (names, steps and their days, answers, typical events) are the
// demo's (demo/history.hpp). Deterministic for a given seed and index.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/episode.hpp"
#include "domain/patient.hpp"
#include "domain/protocol.hpp"
#include "domain/schedule.hpp"
#include "store/store.hpp"

namespace rp::bench::scale {

struct HistoryPlan {
  std::uint64_t seed = 1;
  std::int64_t index = 0;  // 0-based, unique over the whole database
  std::string centre_id;
  std::int64_t number_at_centre = 0;  // for the record number
  CivilDate today;
  const Protocol* protocol = nullptr;
  std::string surgeon, coordinator;  // usernames at the centre
};

struct History {
  Patient patient;
  Episode episode;  // state as reached; id 0 until written
  std::vector<Transition> transitions;
  std::vector<ScheduledItem> schedule;
  std::optional<store::EligibilityRecord> eligibility;
  std::vector<store::QuestionnaireResponseRow> responses;  // with their typed scores
  std::vector<store::AdverseEventRow> events;              // adverse events and red flags
};

History make_history(const HistoryPlan& plan);

// The national id, mobile and names of patient `index`: ids unique over every index below
// 10^7, names in both scripts from the demo's lists and more, some spelt with Arabic
// letters (ي, ك) or a zero-width non-joiner as clinics' files hold them.
Patient person(std::uint64_t seed, std::int64_t index);

}  // namespace rp::bench::scale
