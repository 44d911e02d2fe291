#pragma once
// Rows behind the staff worklist: schedule items, red flags and products of one centre,
// each with the patient and episode it belongs to, read in one query per section.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/episode.hpp"
#include "domain/schedule.hpp"
#include "store/submission_records.hpp"

namespace rp::store {

// Who a worklist row is about.
struct WorklistPatient {
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  std::int64_t episode_id = 0;
  Side side = Side::right;
  EpisodeState state = EpisodeState::referred;
  std::string protocol_id;
};

struct WorklistItemRow {
  WorklistPatient who;
  ScheduledItem item;
};

struct WorklistRedFlagRow {
  WorklistPatient who;
  AdverseEventRow event;
  std::string mobile;  // the patient's, to call them; the service blanks it for roles not shown it
};

struct WorklistProductRow {
  WorklistPatient who;
  std::optional<CivilDate> harvest_date;
};

// A patient whose sign-in code is being guessed: wrong codes typed for their mobile
// number since an instant (the portal's codes are per number, so every patient with the
// number is listed).
struct WorklistCodeGuessRow {
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  int wrong_codes = 0;
  std::string last_wrong_at;  // UTC instant
};

// Items that need someone at a centre on `today`: visits and imaging whose window has
// opened, questionnaires whose window has opened and that have no response for the
// item, all still planned; drug holds starting from `today` to `holds_until`. Episodes
// that have ended (completed, withdrawn, ...) are left out.
struct WorklistQuery {
  std::string centre_id;
  CivilDate today;
  CivilDate holds_until;
};

}  // namespace rp::store
