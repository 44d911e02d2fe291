#pragma once
// The staff worklist for one day at the actor's centre: what is due or late, what starts
// soon, what came in and waits for a clinician. It shows identifying data, so each read
// leaves one audit row.
#include <optional>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/sign_in_limits.hpp"
#include "store/store.hpp"

namespace rp::service {

// A schedule item on the worklist with what the protocol says about it.
struct WorklistEntry {
  store::WorklistPatient who;
  ScheduledItem item;
  LocalText title;
  TimelineState status = TimelineState::due;  // on the worklist's day
  // A drug hold whose stop needs the prescriber's approval (protocol flag
  // needs_prescriber_approval): someone must ask the prescriber before it starts.
  bool needs_prescriber_approval = false;
};

struct WorklistProduct {
  store::WorklistPatient who;
  std::optional<CivilDate> harvest_date;
  std::optional<int> days_since_harvest;
};

struct Worklist {
  CivilDate date;
  std::vector<WorklistEntry> visits;                 // visits and imaging: due, overdue or out of window
  std::vector<WorklistEntry> questionnaires;         // window open or passed, no response for the item
  std::vector<WorklistEntry> holds;                  // drug holds starting within kHoldLookaheadDays
  std::vector<store::WorklistRedFlagRow> red_flags;  // open, newest first
  std::vector<WorklistProduct> awaiting_release;     // harvested, product not yet released
  // Patients whose sign-in code is being guessed: wrong codes typed for their number
  // within the alert's window, the most recent first.
  std::vector<store::WorklistCodeGuessRow> code_guesses;
};

inline constexpr int kHoldLookaheadDays = 7;

// Clinical staff (patient_read) of the actor's own centre. `date` is the clinic's today
// unless given; `guesses` says when a patient's code counts as being guessed.
Worklist worklist(store::Store& store, const Clock& clock, const Actor& actor, std::optional<CivilDate> date,
                  const GuessAlert& guesses = {});

}  // namespace rp::service
