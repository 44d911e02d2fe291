#pragma once
// Rules of the pathway that a date or a step must meet to mean something: a plan near
// today (in the past only with a reason), a step done on a day that could have happened,
// one open episode per joint. Each throws InputError (or ConflictError) naming the field.
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/episode.hpp"
#include "domain/schedule.hpp"

namespace rp {

// A harvest or injection is planned at most a year back (recording a plan made late) and
// two years ahead; anything further is a typing slip (9999-12-31, 1900-01-01).
inline constexpr int kPlanDaysBack = 365;
inline constexpr int kPlanDaysAhead = 730;
void check_plan_date(const CivilDate& date, const CivilDate& today, std::string_view field);
// A plan dated before today records what was decided earlier: it needs a reason.
void check_past_plan_reason(const CivilDate& date, const CivilDate& today, std::string_view reason);

// The day an item was done: not still to come, not before the episode began, and for an
// item dated from the injection (a visit, imaging, a questionnaire) not before its window
// opens.
void check_done_on(const ScheduledItem& item, const CivilDate& on, const CivilDate& today, const CivilDate& began);

// Ended episodes need nothing more; any other is open.
bool is_open(EpisodeState s);
// A joint has at most one open episode: ConflictError("side") naming the open one.
void check_one_open_episode(const std::vector<Episode>& of_patient, const Episode& adding);

}  // namespace rp
